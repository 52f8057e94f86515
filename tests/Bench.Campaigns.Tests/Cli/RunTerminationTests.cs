using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using Bench.Campaigns.Fixtures;
using Bench.Cli;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Microsoft.Data.Sqlite;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>
/// SIGTERM (a service manager stopping the bench, a nightly job's timeout) ends a run as Ctrl-C does: the finished
/// trials stay, the run is marked cancelled, the exit code is 130, the rig's in-use mark is removed, and the rig is
/// left in its safe state, as its pins show.
/// </summary>
[NonParallelizable]
[Platform("Linux")]
public sealed class RunTerminationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Test]
    public async Task Sigterm_mid_run_cancels_it_cleanly()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("term.yaml", CliCampaigns.Vx520("term", 128, 8));
        var output = Path.Combine(folder.Path, "out");

        BenchResult result;
        int processId;
        using (var bench = BenchProcess.Start("run", campaign, "--out", output))
        {
            processId = bench.Id;
            var deadline = DateTime.UtcNow + Limit;
            while (Count(output, "SELECT COUNT(*) FROM trials") < 1)
            {
                if (DateTime.UtcNow > deadline) Assert.Fail("the run recorded no trial in time");
                await Task.Delay(20);
            }
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
                await kill.WaitForExitAsync();
            result = await bench.WaitAsync(Limit);
        }

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.ToString());
            Assert.That(result.ErrorLines, Has.Some.Contains("cancelled; every finished trial is in results.db"), result.ToString());
            Assert.That(Count(output, "SELECT COUNT(*) FROM runs WHERE outcome = 'cancelled'"), Is.EqualTo(1));
            Assert.That(Count(output, "SELECT COUNT(*) FROM trials"), Is.GreaterThanOrEqualTo(1), "finished trials are kept");
            Assert.That(File.Exists(Path.Combine(RunSecureElementKeys.DefaultStateFolder(), $"rig-simulated.pid-{processId}.running")), Is.False,
                "a cancelled run removes its rig mark: it exited cleanly");
        });
    }

    [Test]
    public async Task Sigterm_while_an_injection_holds_a_relay_puts_the_rig_back_in_its_safe_state_as_the_pins_show()
    {
        using var folder = new TemporaryDirectory();
        var rigFile = RepositoryFiles.Fixture("rigs/simulated.yaml");
        var rig = RigDefinitionLoader.Load(rigFile);
        // SIM off from the swipe for up to 40 s of terminal time: the first trials hold the SIM relay for seconds.
        var campaign = folder.Write("sim-off.yaml", $"""
            name: sim-off-term
            rig: {rigFile}
            terminal: {RepositoryFiles.Fixture("terminals/pax-a920-4g.yaml")}
            card: {RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")}
            experiments:
              - name: sim-off
                kind: simPowerOff
                trigger:
                  on: cardSwiped
                from: 0s
                to: 40s
                resolution: 1s
                settle: 1s
            """);
        var trace = Path.Combine(folder.Path, "pins.trace");
        var simPin = rig.SimPower!.Pin;
        var simCut = Level(rig.SimPower, energized: rig.SimPower.Contact == RelayContact.NormallyClosed);

        BenchResult result;
        using (var bench = BenchProcess.Start("run", campaign, "--out", Path.Combine(folder.Path, "out"), "--pin-trace", trace, "--unattended"))
        {
            var deadline = DateTime.UtcNow + Limit;
            while (!Traced(trace).Any(change => change.Pin == simPin && change.IsOutput && change.Level == simCut))
            {
                if (DateTime.UtcNow > deadline) Assert.Fail("the SIM relay was never cut");
                await Task.Delay(10);
            }
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", bench.Id.ToString(CultureInfo.InvariantCulture)]))!)
                await kill.WaitForExitAsync();
            result = await bench.WaitAsync(Limit);
        }

        var changes = SimulatedPinTrace.Read(trace);
        var cutAt = changes.ToList().FindIndex(change => change.Pin == simPin && change.IsOutput && change.Level == simCut);
        var expectations = new (string Channel, int Pin, PinValue Safe)[]
        {
            ("terminal power", rig.TerminalPower!.Pin, Level(rig.TerminalPower, energized: rig.TerminalPower.Contact == RelayContact.NormallyOpen)),
            ("phone line", rig.PhoneLine!.Pin, Level(rig.PhoneLine, energized: rig.PhoneLine.Contact == RelayContact.NormallyOpen)),
            ("SIM power", simPin, Level(rig.SimPower, energized: rig.SimPower.Contact == RelayContact.NormallyOpen)),
            ("swipe solenoid", rig.Swipe!.Pin, rig.Swipe.ActiveHigh ? PinValue.Low : PinValue.High),
        };
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.ToString());
            foreach (var (channel, pin, safe) in expectations)
            {
                var lastDriven = changes.LastOrDefault(change => change.Pin == pin && change.IsOutput);
                Assert.That(lastDriven?.Level, Is.EqualTo(safe), $"{channel} (GPIO {pin}): the last level the bench drove before releasing the pin");
                Assert.That(changes.Last(change => change.Pin == pin).IsOutput, Is.False, $"{channel} (GPIO {pin}) is released at exit");
            }
            var simAfterCut = changes.Skip(cutAt + 1).Where(change => change.Pin == simPin && change.IsOutput).Select(change => change.Level).ToList();
            Assert.That(simAfterCut, Does.Contain(expectations.Single(e => e.Pin == simPin).Safe), "after SIGTERM the bench drove the SIM relay back to safe, not only released it");
        });
    }

    private static PinValue Level(RelayDefinition relay, bool energized) => energized == relay.ActiveHigh ? PinValue.High : PinValue.Low;

    private static IReadOnlyList<TracedPinChange> Traced(string path)
    {
        try
        {
            return File.Exists(path) ? SimulatedPinTrace.Read(path) : [];
        }
        catch (FormatException)
        {
            // A line being written: read again next time.
            return [];
        }
    }

    /// <summary>A count from the run's database as another process may be writing it; none yet is 0.</summary>
    private static long Count(string output, string sql)
    {
        var database = Path.Combine(output, "results.db");
        if (!File.Exists(database)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
