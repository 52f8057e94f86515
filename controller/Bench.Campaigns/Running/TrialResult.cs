using Bench.Campaigns.Search;

namespace Bench.Campaigns.Running;

/// <summary>What one trial produced, as the trial executor measured it.</summary>
/// <param name="Outcome">What the terminal showed (or rig fault).</param>
/// <param name="TimeToResultSeconds">Terminal seconds from starting the sale to the result.</param>
/// <param name="HostRequestToReplySeconds">Terminal seconds from the host receiving the 0200 to sending its 0210; null if it never replied.</param>
/// <param name="LedgerNetDebitMinorUnits">Host ledger net debit of the trial's sale after any reversal (DESIGN.md §8).</param>
public sealed record TrialResult(
    TrialOutcome Outcome,
    double TimeToResultSeconds,
    double? HostRequestToReplySeconds,
    long LedgerNetDebitMinorUnits);
