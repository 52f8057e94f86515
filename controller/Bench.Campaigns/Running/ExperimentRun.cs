using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Running;

/// <summary>One experiment as the runner ran it.</summary>
/// <param name="Trials">Every trial with its parameter and full result, in order.</param>
public sealed record ExperimentRun(
    ExperimentDefinition Experiment,
    ThresholdSearchResult Search,
    IReadOnlyList<ExecutedTrial> Trials,
    ExperimentSummary Summary);
