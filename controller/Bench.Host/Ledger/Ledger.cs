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
    private readonly Dictionary<LedgerKey, KeyState> states = [];

    /// <summary>Raised after each booking, on the thread that booked it. Keep handlers quick.</summary>
    public event EventHandler<LedgerEntry>? EntryAdded;

    public LedgerEntry RecordDebit(LedgerKey key, long amountMinorUnits, long timestampNanoseconds, string? connectionId = null, string? retrievalReferenceNumber = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinorUnits);
        return Book(key, state =>
        {
            state.Booked += amountMinorUnits;
            return new LedgerEntry(key, LedgerEntryKind.Debit, amountMinorUnits, timestampNanoseconds)
            {
                ConnectionId = connectionId,
                RetrievalReferenceNumber = retrievalReferenceNumber,
            };
        });
    }

    public LedgerEntry RecordVoid(LedgerKey key, long amountMinorUnits, long timestampNanoseconds, string? connectionId = null, string? retrievalReferenceNumber = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMinorUnits);
        return Book(key, state =>
        {
            state.Booked -= amountMinorUnits;
            return new LedgerEntry(key, LedgerEntryKind.Void, -amountMinorUnits, timestampNanoseconds)
            {
                ConnectionId = connectionId,
                RetrievalReferenceNumber = retrievalReferenceNumber,
            };
        });
    }

    /// <summary>
    /// Undoes what the key booked, once. A second reversal of the same key is recorded as a
    /// duplicate and credits nothing; a reversal of a key never booked is recorded as such.
    /// </summary>
    public LedgerEntry RecordReversal(LedgerKey originalKey, long timestampNanoseconds, string? reason = null, string? connectionId = null) =>
        Book(originalKey, state =>
        {
            LedgerEntryKind kind;
            long effect = 0;
            if (state.Reversed) kind = LedgerEntryKind.DuplicateReversal;
            else if (!state.HasBooking) kind = LedgerEntryKind.ReversalWithoutDebit;
            else
            {
                kind = LedgerEntryKind.Reversal;
                effect = -state.Booked;
                state.Reversed = true;
            }
            return new LedgerEntry(originalKey, kind, effect, timestampNanoseconds) { ConnectionId = connectionId, ReversalReason = reason };
        });

    /// <summary>Debits minus voids minus reversals for one transaction.</summary>
    public long NetDebit(LedgerKey key)
    {
        lock (gate)
        {
            if (!states.TryGetValue(key, out var state)) return 0;
            var net = 0L;
            foreach (var entry in state.Entries) net += entry.NetEffectMinorUnits;
            return net;
        }
    }

    /// <summary>A snapshot of every entry in booking order.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get { lock (gate) return [.. entries]; }
    }

    public IReadOnlyList<LedgerEntry> EntriesFor(LedgerKey key)
    {
        lock (gate) return states.TryGetValue(key, out var state) ? [.. state.Entries] : [];
    }

    public IReadOnlyList<LedgerKey> Keys
    {
        get { lock (gate) return [.. states.Keys]; }
    }

    private LedgerEntry Book(LedgerKey key, Func<KeyState, LedgerEntry> booking)
    {
        LedgerEntry entry;
        lock (gate)
        {
            if (!states.TryGetValue(key, out var state)) states[key] = state = new KeyState();
            entry = booking(state);
            state.Entries.Add(entry);
            entries.Add(entry);
        }
        EntryAdded?.Invoke(this, entry);
        return entry;
    }

    private sealed class KeyState
    {
        public List<LedgerEntry> Entries { get; } = [];
        public long Booked { get; set; }
        public bool Reversed { get; set; }
        public bool HasBooking => Entries.Exists(e => e.Kind is LedgerEntryKind.Debit or LedgerEntryKind.Void);
    }
}
