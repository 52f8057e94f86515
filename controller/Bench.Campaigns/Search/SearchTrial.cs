namespace Bench.Campaigns.Search;

/// <summary>One trial the search ran, in order; rig-fault and invalid trials are listed too.</summary>
/// <param name="Number">1-based position in the search, counting repeats of invalid trials.</param>
public sealed record SearchTrial(int Number, double Parameter, TrialOutcome Outcome)
{
    /// <summary>Why the trial is no data point (rig fault, firmware fault, watchdog); null for a data point.</summary>
    public string? Reason { get; init; }
}
