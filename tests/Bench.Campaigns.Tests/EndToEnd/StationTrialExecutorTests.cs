using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Hardware;
using Bench.Host;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>Rig faults on the simulated station: reported as such, never as a terminal result, and recovered from.</summary>
[NonParallelizable]
public sealed class StationTrialExecutorTests
{
    [Test]
    public async Task A_relay_that_does_not_follow_its_coil_is_a_rig_fault_and_the_next_trial_runs_normally()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        var experiment = campaign.Experiments.Single(e => e.Terminal.Model == "Verifone VX520");
        await using var stations = new SimulatedStationFactory(
            campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, Path.Combine(folder.Path, "flash"), recorder: null);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());
        await stations.OpenAsync(experiment.Terminal, CancellationToken.None);
        var harness = stations.OpenStations.Single().Rig.Harness;

        // The phone-line relay's contacts are welded open: its sense input disagrees with the safe state.
        harness.StickRelay(RelayRole.PhoneLine, energized: true);
        var faulted = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);
        harness.UnstickRelay(RelayRole.PhoneLine);
        var next = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);

        Assert.That(faulted.Outcome, Is.EqualTo(TrialOutcome.RigFault));
        Assert.That(faulted.RigFault, Does.Contain("phone line"));
        Assert.That(faulted.LedgerNetDebitMinorUnits, Is.Zero, "no sale was started on a faulty rig");
        Assert.That(next.Outcome, Is.EqualTo(TrialOutcome.Approved));
        Assert.That(next.LedgerNetDebitMinorUnits, Is.EqualTo(experiment.AmountMinorUnits));
    }

    [Test]
    public async Task A_trial_over_a_broken_medium_is_invalid_whatever_the_terminal_showed()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        var experiment = campaign.Experiments.Single(e => e.Terminal.Model == "Verifone VX520");
        await using var simulated = new SimulatedStationFactory(
            campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, Path.Combine(folder.Path, "flash"), recorder: null);
        string? fault = null;
        var executor = new StationTrialExecutor(new BreakableMedium(simulated, () => fault), HostRuleSet.ApproveAll, new InjectionCatalogue());

        var sound = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);
        fault = "the NAC stopped: the answering modem's port went away";
        var broken = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);

        Assert.That(sound.Outcome, Is.EqualTo(TrialOutcome.Approved));
        Assert.That(broken.Outcome, Is.EqualTo(TrialOutcome.Invalid));
        Assert.That(broken.RigFault, Does.Contain("medium fault: the NAC stopped"));
        Assert.That(broken.TerminalResult, Is.EqualTo("Approved"), "what the terminal showed is kept, but not used");
    }

    /// <summary>The simulated stations, each reporting whatever medium fault the test sets.</summary>
    private sealed class BreakableMedium(SimulatedStationFactory stations, Func<string?> fault) : ITestStationFactory
    {
        public async Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken) =>
            await stations.OpenAsync(terminal, cancellationToken) with { MediumFault = fault };

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
