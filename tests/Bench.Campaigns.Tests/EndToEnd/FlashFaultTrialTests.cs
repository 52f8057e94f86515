using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Host;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>A firmware fault from an I/O error on the simulated terminal's flash is an invalid trial, never a Timeout data point.</summary>
[NonParallelizable]
public sealed class FlashFaultTrialTests
{
    [Test]
    public async Task A_flash_io_fault_is_an_invalid_trial_with_its_reason_and_the_terminal_recovers()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        var experiment = campaign.Experiments.Single(e => e.Terminal.Model == "Verifone VX520");
        var flash = Path.Combine(folder.Path, "flash");
        await using var stations = new SimulatedStationFactory(campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, flash, recorder: null);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());
        await stations.OpenAsync(experiment.Terminal, CancellationToken.None);

        // What another process sharing the flash did: it holds the reversal record's temporary file.
        TrialResult faulted;
        var temporary = Path.Combine(flash, "Verifone-VX520-20000002", "reversal.json.tmp");
        await using (new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            faulted = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);
        }
        File.Delete(temporary);
        var next = await executor.RunTrialAsync(experiment, 5, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(faulted.Outcome, Is.EqualTo(TrialOutcome.Invalid), "not Timeout: the terminal never got to time out");
            Assert.That(faulted.Outcome.IsDataPoint(), Is.False);
            Assert.That(faulted.RigFault, Does.StartWith("firmware fault"));
            Assert.That(faulted.TerminalResult, Is.EqualTo("FirmwareFault"));
            Assert.That(stations.OpenStations.Single().Terminal.ConsoleLines.Any(line => line.Text.Contains("FIRMWARE FAULT", StringComparison.Ordinal)
                && line.Text.Contains("reversal.json.tmp", StringComparison.Ordinal)), Is.True, "the console says which file failed");
            Assert.That(next.Outcome, Is.EqualTo(TrialOutcome.Approved), "power-cycled back to a working terminal");
        });
    }
}
