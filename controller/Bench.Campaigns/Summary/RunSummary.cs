namespace Bench.Campaigns.Summary;

/// <summary>A whole campaign run: what summary.json holds.</summary>
public sealed record RunSummary(
    string RunId,
    string CampaignName,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<ExperimentSummary> Experiments);
