using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Experiments;

/// <summary>
/// A campaign as loaded from fixtures/campaigns/*.yaml. Referenced files are resolved to full paths
/// and checked to exist; the rig and host-rule files are owned by other loaders and kept as paths.
/// </summary>
public sealed record CampaignDefinition(
    string Name,
    string SourceFile,
    string RigFile,
    string TerminalFile,
    TerminalProfile Terminal,
    string CardFile,
    TestCardDefinition Card,
    string? HostRulesFile,
    IReadOnlyList<ExperimentDefinition> Experiments);
