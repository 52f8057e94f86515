namespace Bench.Campaigns.Search;

/// <summary>One trial the search ran, in order; rig-fault trials are listed too.</summary>
/// <param name="Number">1-based position in the search, counting rig-fault retries.</param>
public sealed record SearchTrial(int Number, double Parameter, TrialOutcome Outcome);
