namespace Bench.Campaigns.Running;

/// <summary>
/// A resumed search asked for another parameter than the interrupted run's trial at the same place: replay
/// stops for the experiment and its <paramref name="StoredTrialsLeft"/> remaining stored trials leave the search
/// (they stay in results.db).
/// </summary>
public sealed record ReplayDivergence(string Experiment, int TrialNumber, double Requested, double Stored, int StoredTrialsLeft);
