namespace Bench.Host;

/// <summary>
/// The host's book of what it took from and gave back to cards: the ground truth a trial's
/// checker reconciles with what the terminal showed (DESIGN.md §8). Reversals are idempotent per
/// key. Thread-safe; <see cref="EntryAdded"/> is raised outside the lock, in booking order per key.
/// </summary>
public sealed class Ledger
{
    private readonly Lock gate = new();
    private readonly List<LedgerEntry> entries = [];
    // Each key's entries in booking order: everything a reversal needs to know is derived from them.
    private readonly Dictionary<LedgerKey, List<LedgerEntry>> entriesByKey = [];

    /// <summary>Raised after each booking, on the thread that booked it. Keep handlers quick.</summary>
    public event EventHandler<LedgerEntry>? EntryAdded;

    public LedgerEntry RecordDebit(LedgerKey key, long amountMinorUnits, long timestampNanoseconds, string? connectionId = null, string? retrievalReferenceNumber = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinorUnits);
        return Book(key, _ =>
            new LedgerEntry(key, LedgerEntryKind.Debit, amountMinorUnits, timestampNanoseconds)
            {
                ConnectionId = connectionId,
                RetrievalReferenceNumber = retrievalReferenceNumber,
            });
    }

    public LedgerEntry RecordVoid(LedgerKey key, long amountMinorUnits, long timestampNanoseconds, string? connectionId = null, string? retrievalReferenceNumber = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinorUnits);
        return Book(key, _ =>
            new LedgerEntry(key, LedgerEntryKind.Void, -amountMinorUnits, timestampNanoseconds)
            {
                ConnectionId = connectionId,
                RetrievalReferenceNumber = retrievalReferenceNumber,
            });
    }

    /// <summary>
    /// Undoes what the key booked, once. A second reversal of the same key is recorded as a
    /// duplicate and credits nothing; a reversal of a key never booked is recorded as such.
    /// </summary>
    public LedgerEntry RecordReversal(LedgerKey originalKey, long timestampNanoseconds, string? reason = null, string? connectionId = null) =>
        Book(originalKey, earlier =>
        {
            // A key holds a handful of entries, so its state is derived from them rather than kept in step beside them.
            LedgerEntryKind kind;
            long effect = 0;
            if (earlier.Exists(entry => entry.Kind == LedgerEntryKind.Reversal)) kind = LedgerEntryKind.DuplicateReversal;
            else if (!earlier.Exists(IsBooking)) kind = LedgerEntryKind.ReversalWithoutDebit;
            else
            {
                kind = LedgerEntryKind.Reversal;
                effect = -earlier.Where(IsBooking).Sum(entry => entry.NetEffectMinorUnits);
            }
            return new LedgerEntry(originalKey, kind, effect, timestampNanoseconds) { ConnectionId = connectionId, ReversalReason = reason };
        });

    /// <summary>
    /// True when the key has already been reversed though never booked: its original is still on its way
    /// (held back by TCP back-off, say) and must not be booked when it arrives.
    /// </summary>
    public bool WasReversedBeforeBooking(LedgerKey key)
    {
        lock (gate)
            return entriesByKey.TryGetValue(key, out var entriesOfKey) && entriesOfKey.Exists(entry => entry.Kind == LedgerEntryKind.ReversalWithoutDebit);
    }

    /// <summary>An original that arrived after its reversal: recorded, nothing booked.</summary>
    public LedgerEntry RecordLateOriginalRefused(LedgerKey key, string requestMti, long timestampNanoseconds, string? connectionId = null) =>
        Book(key, _ => new LedgerEntry(key, LedgerEntryKind.LateOriginalRefused, 0, timestampNanoseconds) { ConnectionId = connectionId, RequestMti = requestMti });

    /// <summary>A request refused because its MAC was missing or wrong: recorded, nothing booked.</summary>
    public LedgerEntry RecordMacRejected(LedgerKey key, string requestMti, long timestampNanoseconds, string? connectionId = null) =>
        Book(key, _ => new LedgerEntry(key, LedgerEntryKind.MacRejected, 0, timestampNanoseconds) { ConnectionId = connectionId, RequestMti = requestMti });

    /// <summary>A reply sent with a damaged MAC (an injected fault): recorded so the checker knows the terminal had to refuse it.</summary>
    public LedgerEntry RecordReplyMacCorrupted(LedgerKey key, string replyMti, long timestampNanoseconds, string? connectionId = null) =>
        Book(key, _ => new LedgerEntry(key, LedgerEntryKind.ReplyMacCorrupted, 0, timestampNanoseconds) { ConnectionId = connectionId, RequestMti = replyMti });

    /// <summary>A repeated transmission of a transaction the host already answered: recorded with the original's outcome, nothing booked again.</summary>
    public LedgerEntry RecordDuplicateTransmission(
        LedgerKey key, string requestMti, string originalResponseCode, string? originalRetrievalReferenceNumber, long timestampNanoseconds, string? connectionId = null) =>
        Book(key, _ => new LedgerEntry(key, LedgerEntryKind.DuplicateTransmission, 0, timestampNanoseconds)
        {
            ConnectionId = connectionId,
            RequestMti = requestMti,
            OriginalResponseCode = originalResponseCode,
            RetrievalReferenceNumber = originalRetrievalReferenceNumber,
        });

    /// <summary>Debits minus voids minus reversals for one transaction.</summary>
    public long NetDebit(LedgerKey key)
    {
        lock (gate)
        {
            return entriesByKey.TryGetValue(key, out var entriesOfKey) ? entriesOfKey.Sum(entry => entry.NetEffectMinorUnits) : 0;
        }
    }

    /// <summary>A snapshot of every entry in booking order.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get { lock (gate) return [.. entries]; }
    }

    public IReadOnlyList<LedgerEntry> EntriesFor(LedgerKey key)
    {
        lock (gate) return entriesByKey.TryGetValue(key, out var entriesOfKey) ? [.. entriesOfKey] : [];
    }

    public IReadOnlyList<LedgerKey> Keys
    {
        get { lock (gate) return [.. entriesByKey.Keys]; }
    }

    /// <summary>
    /// Takes back entries this ledger's host booked before its process ended (a resumed run's, read back from
    /// results.db), as they were, so a reversal of a sale debited then finds its debit. Not raised as new bookings.
    /// </summary>
    public void Restore(IEnumerable<LedgerEntry> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        lock (gate)
        {
            foreach (var entry in earlier)
            {
                if (!entriesByKey.TryGetValue(entry.Key, out var entriesOfKey)) entriesByKey[entry.Key] = entriesOfKey = [];
                entriesOfKey.Add(entry);
                entries.Add(entry);
            }
        }
    }

    /// <summary>Books the entry <paramref name="booking"/> makes from the key's earlier entries.</summary>
    private LedgerEntry Book(LedgerKey key, Func<List<LedgerEntry>, LedgerEntry> booking)
    {
        LedgerEntry entry;
        lock (gate)
        {
            if (!entriesByKey.TryGetValue(key, out var entriesOfKey)) entriesByKey[key] = entriesOfKey = [];
            entry = booking(entriesOfKey);
            entriesOfKey.Add(entry);
            entries.Add(entry);
        }
        EntryAdded?.Invoke(this, entry);
        return entry;
    }

    private static bool IsBooking(LedgerEntry entry) => entry.Kind is LedgerEntryKind.Debit or LedgerEntryKind.Void;
}
