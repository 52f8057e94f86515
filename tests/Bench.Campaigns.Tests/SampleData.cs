using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Hardware.Simulation;

namespace Bench.Campaigns.Tests;

/// <summary>In-memory campaign data for tests that do not exercise the loaders.</summary>
internal static class SampleData
{
    public static TerminalProfile Terminal(string model = "PAX S90", double responseTimeoutSeconds = 60) =>
        new(model, "ethernet", TimeSpan.FromSeconds(responseTimeoutSeconds), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), 3, 20, "10000001", "898100012340001");

    public static ExperimentDefinition Experiment(string name = "pax-host-delay", TerminalProfile? terminal = null) =>
        new(name, ExperimentKinds.HostResponseDelay, new ParameterRange(0, 120), 0.25, SearchMethod.Bisection, TimeSpan.Zero, 100, "terminal.yaml", terminal ?? Terminal());

    public static CampaignDefinition Campaign(params ExperimentDefinition[] experiments) =>
        new(
            "sample",
            "campaign.yaml",
            "rig.yaml",
            SimulatedRig.DefaultDefinition,
            "terminal.yaml",
            Terminal(),
            "card.yaml",
            new TestCardDefinition("test debit", "6222021234567890128", "3012", "220", ""),
            null,
            experiments);
}
