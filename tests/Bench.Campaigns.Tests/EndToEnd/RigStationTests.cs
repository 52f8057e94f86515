using System.Net;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Bench.Host;
using Terminal = Bench.SimulatedTerminal.SimulatedTerminal;
using TerminalOptions = Bench.SimulatedTerminal.SimulatedTerminalOptions;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The real rig's station, end to end, with the hardware substituted below the seams a Pi would fill: the rig file
/// names LibGpiodV2, but the GPIO driver handed in is a simulated one with a wiring harness; the "ECR device" is a
/// pty whose other end is a simulated terminal dialling the rig station's host. As far as the station knows it
/// drives a real terminal, at time scale 1.
/// </summary>
[NonParallelizable]
public sealed class RigStationTests
{
    [Test]
    public async Task A_real_rig_station_runs_host_delay_trials_at_time_scale_one_and_the_host_matches_them_by_tid_and_amount()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        var quickstart = campaign.Experiments.Single(e => e.Terminal.Model == "Verifone VX520");
        // A short response timeout: a timed-out sale at time scale 1 takes about 2 s of wall time.
        var profile = quickstart.Terminal with { ResponseTimeout = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(2) };
        var experiment = quickstart with { Terminal = profile, Settle = TimeSpan.FromMilliseconds(200) };
        Directory.CreateDirectory(Path.Combine(folder.Path, "flash"));
        using var pty = new PseudoTerminalPair();
        var rig = SimulatedRig.DefaultDefinition with
        {
            Name = "pi-under-test",
            GpioDriver = GpioDriverKind.LibGpiodV2,
            Ecr = new SerialPortDefinition { Device = pty.SlavePath, BaudRate = 115_200 },
            Host = new HostListenDefinition { Listen = IPAddress.Loopback, Port = LoopbackPorts.Free() },
        };
        var driver = new SimulatedGpioDriver(28, TimeProvider.System);
        using var harness = new WiringHarness(driver, rig);
        await using var terminal = new Terminal(
            profile,
            new TerminalOptions(new IPEndPoint(IPAddress.Loopback, rig.Host.Port), Path.Combine(folder.Path, "flash"), WorkingKeys.Test.MacKey)
            {
                MasterKey = profile.MasterKey,
                KeepConnectionOpen = profile.KeepConnectionOpen,
            },
            pty.MasterStream,
            TimeProvider.System);
        await using var physics = new TerminalPhysics(harness, terminal, campaign.Card);
        var driversCreated = 0;
        var options = new RigStationOptions
        {
            Devices = new RigStationDevices { GpioDriver = () => { driversCreated++; return driver; } },
            BootWallTimeout = TimeSpan.FromSeconds(10),
        };
        await using var stations = new RigStationFactory(rig, campaign.Card, HostRuleSet.ApproveAll, recorder: null, options);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());

        var approved = await executor.RunTrialAsync(experiment, 0.2, CancellationToken.None);
        var timedOut = await executor.RunTrialAsync(experiment, 3, CancellationToken.None);

        var station = stations.OpenedStations.Single();
        var debits = station.Host.Ledger.Entries.Where(entry => entry.Kind == LedgerEntryKind.Debit).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(driversCreated, Is.EqualTo(1), "the rig runs on the driver handed in, not on libgpiod");
            Assert.That(station.TimeScale, Is.EqualTo(1));
            Assert.That(station.Ecr.Dialect, Is.EqualTo("bench"));
            Assert.That(approved.Outcome, Is.EqualTo(TrialOutcome.Approved), approved.RigFault);
            Assert.That(approved.LedgerKey?.TerminalId, Is.EqualTo(profile.TerminalId));
            Assert.That(approved.LedgerNetDebitMinorUnits, Is.EqualTo(experiment.AmountMinorUnits));
            Assert.That(debits.Where(entry => entry.Key == approved.LedgerKey).Select(entry => entry.NetEffectMinorUnits),
                Is.EqualTo(new[] { experiment.AmountMinorUnits }), "the host booked the approved sale under the terminal's TID for its amount");
            Assert.That(timedOut.Outcome, Is.EqualTo(TrialOutcome.Timeout), timedOut.RigFault);
            Assert.That(timedOut.LedgerKey?.TerminalId, Is.EqualTo(profile.TerminalId), "the host saw the timed-out sale's 0200");
            Assert.That(timedOut.TimeToResultSeconds, Is.GreaterThanOrEqualTo(1.9).And.LessThan(4),
                "at time scale 1 the terminal's 2 s response timeout is 2 s of station time");
        });
    }
}
