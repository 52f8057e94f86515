using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Experiments;

/// <summary>
/// A campaign as loaded from fixtures/campaigns/*.yaml. Referenced files are resolved to full paths
/// and checked to exist. The rig file is loaded into <see cref="Rig"/> (and its path kept for reports);
/// the host-rule file is owned by another loader and kept as a path.
/// </summary>
public sealed record CampaignDefinition(
    string Name,
    string SourceFile,
    string RigFile,
    RigDefinition Rig,
    string TerminalFile,
    TerminalProfile Terminal,
    string CardFile,
    TestCardDefinition Card,
    string? HostRulesFile,
    IReadOnlyList<ExperimentDefinition> Experiments)
{
    /// <summary>The run's <c>--set</c> overrides, already applied to the definition; recorded with the run.</summary>
    public IReadOnlyList<FixtureOverride> Overrides { get; init; } = [];

    /// <summary>The baseline run <c>maxMoveFromBaseline</c> expectations compare with (<c>baseline:</c> or <c>--baseline</c>); null when none.</summary>
    public Expectations.ExpectationBaseline? Baseline { get; init; }
}
