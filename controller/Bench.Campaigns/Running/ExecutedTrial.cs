namespace Bench.Campaigns.Running;

/// <summary>A trial the runner executed: the parameter value it ran at and what it produced.</summary>
public sealed record ExecutedTrial(double Parameter, TrialResult Result);
