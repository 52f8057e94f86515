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
}
