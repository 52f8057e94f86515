using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>A reversal a terminal still held after the final settle: its original's key, and when the bench saw it.</summary>
public sealed record PendingReversalAtEnd(LedgerKey Key, long ObservedNanoseconds);
