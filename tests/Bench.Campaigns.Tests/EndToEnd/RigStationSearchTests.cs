using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Campaigns.Summary;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Hardware.Simulation;
using Bench.Host;
using Bench.Results;
using Terminal = Bench.SimulatedTerminal.SimulatedTerminal;
using TerminalOptions = Bench.SimulatedTerminal.SimulatedTerminalOptions;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// A whole threshold search on the real rig's station, wired as <c>bench run</c> wires it (<see cref="SimulatedCampaign"/>,
/// bisection, <see cref="StationTrialExecutor"/>), with the hardware substituted below the seams a Pi fills: a rig file
/// naming LibGpiodV2 whose <c>ecr.device</c> and <c>console.device</c> are ptys with a simulated terminal at their other
/// ends, a simulated GPIO driver handed in, the host on loopback, time scale 1. The terminal keeps its host link to
/// itself on the ECR port (no CONNECTED, no STAN lines), so its sales can only be matched from the host side and its data
/// session only learnt from its debug console.
/// </summary>
[NonParallelizable]
public sealed class RigStationSearchTests
{
    private const string TerminalModel = "Verifone VX520";

    [Test]
    public async Task A_threshold_search_on_a_real_rig_station_finds_the_response_timeout_the_profile_predicts_from_host_side_correlation_and_console_events()
    {
        using var folder = new TemporaryDirectory();
        var quickstart = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        var hostDelay = quickstart.Experiments.Single(e => e.Terminal.Model == TerminalModel);
        // The debug console's rule of the line-dialect example: the data session is up when the console says so.
        var consoleRules = TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-line-terminal.yaml")).ConsoleRules;
        Assert.That(consoleRules.Rules, Has.Some.Matches<ConsoleRule>(rule => rule.Event == TrialEventKinds.ModemConnected), "the example profile's console rule");
        // A 2 s response timer keeps each timed-out sale to about 2 s of wall time at time scale 1.
        var profile = hostDelay.Terminal with
        {
            ResponseTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ConsoleRules = consoleRules,
        };
        var experiment = hostDelay with
        {
            Terminal = profile,
            Range = new ParameterRange(0, 3.2),
            Resolution = 0.1,
            SearchMethod = SearchMethod.Bisection,
            Settle = TimeSpan.FromMilliseconds(200),
        };

        using var ecrPty = new PseudoTerminalPair();
        using var consolePty = new PseudoTerminalPair();
        var rigFile = WriteRigFile(folder.Path, ecrPty.SlavePath, consolePty.SlavePath, LoopbackPorts.Free());
        var rig = RigDefinitionLoader.Load(rigFile);
        var campaign = quickstart with { RigFile = rigFile, Rig = rig, Terminal = profile, Experiments = [experiment] };

        var flash = Path.Combine(folder.Path, "terminal-flash");
        Directory.CreateDirectory(flash);
        var driver = new SimulatedGpioDriver(28, TimeProvider.System);
        using var harness = new WiringHarness(driver, rig);
        await using var terminal = new Terminal(
            profile,
            new TerminalOptions(new IPEndPoint(IPAddress.Loopback, rig.Host.Port), flash, WorkingKeys.Test.MacKey)
            {
                MasterKey = profile.MasterKey,
                KeepConnectionOpen = profile.KeepConnectionOpen,
                EcrShowsHostLink = false,
            },
            ecrPty.MasterStream,
            TimeProvider.System);
        await using var physics = new TerminalPhysics(harness, terminal, campaign.Card);
        await using var console = new ConsoleCable(terminal, consolePty.MasterStream);
        var driversCreated = 0;
        var rigOptions = new RigStationOptions
        {
            Devices = new RigStationDevices { GpioDriver = () => { driversCreated++; return driver; } },
            BootWallTimeout = TimeSpan.FromSeconds(10),
        };

        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun(campaign.Name);
        // A bound on the whole run, so a hang fails the test instead of the build.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var wall = Stopwatch.StartNew();
        var result = await SimulatedCampaign.RunAsync(
            campaign, HostRuleSet.ApproveAll, new ResultsRun(store, runId), Path.Combine(folder.Path, "output"),
            cancellationToken: bound.Token, rigOptions: rigOptions);
        var run = result.Experiments.Single();
        await TestContext.Out.WriteLineAsync(
            $"search on the rig station: threshold {run.Search.Threshold:0.###} s after {run.Trials.Count} trials, {wall.Elapsed.TotalSeconds:0.0} s wall time");
        await TestContext.Out.WriteLineAsync(result.ConsoleTable);
        var prediction = ThresholdPredictor.Predict(experiment, rig, run.Trials);
        var frames = store.ReadFrames(runId);
        var saleRequests = frames.Where(frame => frame.Direction == FrameDirection.Received && frame.Mti == MessageTypes.FinancialRequest).ToList();
        var ecrLines = store.ReadEvents(runId, StationEventKinds.EcrLine);
        var consoleLines = store.ReadEvents(runId, StationEventKinds.TerminalConsole);
        var printed = terminal.ConsoleLines.Select(line => line.Text).ToHashSet(StringComparer.Ordinal);
        var connectedRule = new Regex(consoleRules.Rules.First(rule => rule.Event == TrialEventKinds.ModemConnected).Pattern, RegexOptions.CultureInvariant);
        var connectedLineTimes = consoleLines.Where(line => connectedRule.IsMatch(line.Detail)).Select(line => line.TimestampNanoseconds).ToHashSet();
        var modemConnected = store.ReadEvents(runId, StationEventKinds.TrialEvent).Where(e => e.Detail == TrialEventKinds.ModemConnected).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(driversCreated, Is.EqualTo(1), "the rig runs on the driver handed in, not on libgpiod");
            Assert.That(rig.IsSimulated, Is.False, "the campaign's rig file names a real rig");
            Assert.That(run.Summary.TimeScale, Is.EqualTo(1));

            // The search: bisection to the resolution, every trial a terminal result, the flip where the profile says.
            Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
            Assert.That(run.Search.RigFaults, Is.Zero, string.Join("; ", run.Trials.Select(trial => trial.Result.RigFault).OfType<string>()));
            Assert.That(run.Search.BracketWidth, Is.LessThanOrEqualTo(experiment.Resolution + 1e-9));
            Assert.That(run.Search.TrialsUsed, Is.LessThanOrEqualTo(new BisectionSearch(0, 3.2, 0.1).MaximumTrials));
            Assert.That(prediction?.Value, Is.EqualTo(2).Within(1e-9), prediction?.Basis);
            Assert.That(run.Summary.Prediction, Is.EqualTo(prediction));
            Assert.That(run.Search.Threshold, Is.EqualTo(prediction!.Value!.Value).Within(0.25),
                "the host delay at which the sale flips to a timeout is the terminal's response timeout");

            // Host-side correlation: the ECR port named no STAN, yet every trial has its sale's 0200 from the host.
            Assert.That(ecrLines.Select(line => line.Detail),
                Has.None.StartsWith("SENT ").And.None.StartsWith("RECEIVED ").And.None.StartsWith(EcrProtocol.Connected),
                "the terminal keeps its host link off the ECR port");
            Assert.That(ecrLines.Select(line => line.Detail), Has.Some.StartsWith("RESULT APPROVED").And.Some.EqualTo(EcrProtocol.ResultTimeout));
            foreach (var (trial, index) in run.Trials.Select((trial, index) => (trial.Result, index)))
            {
                var label = $"trial {index + 1} at {run.Trials[index].Parameter.ToString("0.###", CultureInfo.InvariantCulture)} s: {trial.Outcome}";
                Assert.That(trial.LedgerKey?.TerminalId, Is.EqualTo(profile.TerminalId), label);
                Assert.That(trial.Stan, Is.Not.Null, label);
                var request = saleRequests.Where(frame => frame.Stan == trial.Stan
                    && frame.TimestampNanoseconds >= trial.StartedNanoseconds && frame.TimestampNanoseconds <= trial.EndedNanoseconds).ToList();
                Assert.That(request, Has.Count.EqualTo(1), $"{label}: the host received the trial's 0200 under the STAN the trial names");
                if (trial.Outcome == TrialOutcome.Approved)
                {
                    Assert.That(trial.LedgerNetDebitMinorUnits, Is.EqualTo(experiment.AmountMinorUnits), label);
                    Assert.That(trial.HostRequestToReplySeconds, Is.EqualTo(run.Trials[index].Parameter).Within(0.5), $"{label}: the host's reply was the trial's");
                }
            }

            // The money checker matches the flush and settle sales host-side too: nothing is an orphan debit.
            Assert.That(result.Checker, Is.Not.Null);
            Assert.That(result.Checker!.Failed, Is.False, result.ConsoleTable);
            Assert.That(result.Checker.Conservation.Balanced, Is.True, result.ConsoleTable);
            Assert.That(result.Checker.Transactions.Select(transaction => transaction.TerminalResult), Has.None.EqualTo("NotObserved"), result.ConsoleTable);

            // The debug console came over its pty onto the station's timeline, and its rule made the trigger event.
            Assert.That(consoleLines.Select(line => line.Source), Is.Not.Empty.And.All.EqualTo("terminal"));
            Assert.That(consoleLines.Select(line => line.Detail), Has.Some.StartsWith($"BOOT {TerminalModel} TID {profile.TerminalId}"));
            Assert.That(consoleLines.Select(line => line.Detail).Distinct(), Is.SubsetOf(printed), "every captured line is one the terminal printed");
            Assert.That(connectedLineTimes, Is.Not.Empty, "the console said when the data session was up");
            Assert.That(modemConnected, Has.Count.GreaterThanOrEqualTo(run.Trials.Count), "each trial's sale opened a data session");
            Assert.That(modemConnected.Select(e => e.TimestampNanoseconds).Distinct(), Is.SubsetOf(connectedLineTimes),
                "each modemConnected trigger event is stamped with the console line its rule matched");
        });
    }

    /// <summary>
    /// A rig file for a Pi with the simulated rig's pin map (fixtures/rigs/simulated.yaml) that names the devices a
    /// real rig has: libgpiod, the ECR port and the console by device path, the host's listen address and port.
    /// </summary>
    private static string WriteRigFile(string folder, string ecrDevice, string consoleDevice, int hostPort)
    {
        var pins = File.ReadAllText(RepositoryFiles.Fixture("rigs/simulated.yaml"));
        var named = pins.Replace("name: simulated\n", "name: pi-under-test\n", StringComparison.Ordinal)
            .Replace("gpioDriver: Simulated\n", "gpioDriver: LibGpiodV2\n", StringComparison.Ordinal);
        Assert.That(named, Does.Contain("name: pi-under-test").And.Contain("gpioDriver: LibGpiodV2"), "the simulated rig file's layout changed");
        var path = Path.Combine(folder, "pi-under-test.yaml");
        File.WriteAllText(path, named + $"""

            ecr:
              device: {ecrDevice}
              baudRate: 115200
            console:
              device: {consoleDevice}
              baudRate: 115200
            host:
              listen: 127.0.0.1
              port: {hostPort}

            """);
        return path;
    }
}
