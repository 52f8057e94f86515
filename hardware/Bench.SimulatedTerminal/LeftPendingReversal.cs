namespace Bench.SimulatedTerminal;

/// <summary>A pending reversal found in a simulated terminal's flash left behind by an earlier process.</summary>
/// <param name="Terminal">The terminal's flash folder name (model and terminal id).</param>
public sealed record LeftPendingReversal(string Terminal, string Stan, string Reason, long AmountMinorUnits, DateTimeOffset CreatedAt);
