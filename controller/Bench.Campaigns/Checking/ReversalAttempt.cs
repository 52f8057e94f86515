namespace Bench.Campaigns.Checking;

/// <summary>A reversal request the host received for a transaction: its STAN, reason, the host's answer, and when (seconds after the sale began, wall time).</summary>
public sealed record ReversalAttempt(string Stan, string? Reason, string? HostResponse, double SecondsAfterSale);
