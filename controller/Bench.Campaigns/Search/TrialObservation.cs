namespace Bench.Campaigns.Search;

/// <summary>What a trial told the search: its outcome and, for a trial that is no data point, why.</summary>
/// <param name="Reason">Why the trial is a rig fault or invalid (e.g. "firmware fault: …"); null for a data point.</param>
public sealed record TrialObservation(TrialOutcome Outcome, string? Reason = null);
