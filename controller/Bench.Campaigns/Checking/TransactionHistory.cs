using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>
/// A run's history (DESIGN.md §8): every sale an operation, every sale and reversal frame, every ledger booking
/// (the ground truth), every injection a span, all on the bench's one monotonic clock, and what the terminals
/// still held at the end.
/// </summary>
/// <param name="ReversalResendCounts">Each terminal id's configured resend count (attempts = resends + 1).</param>
/// <param name="EndNanoseconds">The end of the history: exposure of money still held is measured to it.</param>
public sealed record TransactionHistory(
    IReadOnlyList<SaleOperation> Operations,
    IReadOnlyList<HostMessage> Messages,
    IReadOnlyList<LedgerEntry> Ledger,
    IReadOnlyList<InjectionSpan> Injections,
    IReadOnlyList<PendingReversalAtEnd> PendingAtEnd,
    IReadOnlyDictionary<string, int> ReversalResendCounts,
    long EndNanoseconds)
{
    /// <summary>Every sale started, those without a transaction included (<see cref="Operations"/> hold only sales whose request left).</summary>
    public IReadOnlyList<SaleStart> SaleStarts { get; init; } = [];
}
