namespace Bench.Campaigns.Search;

/// <summary>Which outcomes are data points about the terminal.</summary>
public static class TrialOutcomes
{
    /// <summary>
    /// True for what the terminal showed (approved, declined, timeout); false for a trial whose
    /// execution failed (<see cref="TrialOutcome.RigFault"/>, <see cref="TrialOutcome.Invalid"/>),
    /// which a search excludes and repeats.
    /// </summary>
    public static bool IsDataPoint(this TrialOutcome outcome) =>
        outcome is TrialOutcome.Approved or TrialOutcome.Declined or TrialOutcome.Timeout;
}
