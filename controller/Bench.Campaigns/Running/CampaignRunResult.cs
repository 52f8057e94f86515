using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Running;

/// <summary>What a campaign run produced, and where.</summary>
public sealed record CampaignRunResult(
    RunSummary Summary,
    string SummaryFile,
    IReadOnlyList<ExperimentRun> Experiments,
    string ConsoleTable)
{
    /// <summary>The checker's full report (checker.json); null when the run had no checker.</summary>
    public Checking.CheckerReport? Checker { get; init; }

    public string? CheckerFile { get; init; }
}
