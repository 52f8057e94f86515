using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>The results store and the run in it that a campaign's experiments and trials go to.</summary>
public sealed record ResultsRun(ResultsStore Store, long RunId);
