using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Summary;

/// <summary>A whole campaign run: what summary.json holds.</summary>
public sealed record RunSummary(
    string RunId,
    string CampaignName,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<ExperimentSummary> Experiments)
{
    /// <summary>The run's <c>--set PATH=VALUE</c> overrides, in the order given; empty when none.</summary>
    public IReadOnlyList<FixtureOverride> Overrides { get; init; } = [];

    /// <summary>The lost-money checker's finding (DESIGN.md §8); null when the run had no checker.</summary>
    public Checking.CheckerSummary? Checker { get; init; }

    /// <summary>Every experiment's expectations as evaluated after the checker, in campaign order; empty when the campaign sets none.</summary>
    public IReadOnlyList<Expectations.ExpectationVerdict> Expectations { get; init; } = [];
}
