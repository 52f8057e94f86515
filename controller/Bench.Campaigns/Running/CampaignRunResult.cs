using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Running;

/// <summary>What a campaign run produced, and where.</summary>
public sealed record CampaignRunResult(
    RunSummary Summary,
    string SummaryFile,
    IReadOnlyList<ExperimentRun> Experiments,
    string ConsoleTable);
