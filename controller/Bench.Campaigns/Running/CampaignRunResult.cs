using Bench.Campaigns.Summary;
using Bench.Plots;

namespace Bench.Campaigns.Running;

/// <summary>What a campaign run produced, and where.</summary>
public sealed record CampaignRunResult(
    RunSummary Summary,
    string SummaryFile,
    IReadOnlyList<ExperimentRun> Experiments,
    string ConsoleTable)
{
    /// <summary>thresholds.png / .svg: every experiment's threshold against its injection.</summary>
    public ThresholdOverviewFiles? OverviewPlots { get; init; }
}
