using System.Diagnostics;
using Bench.Cli;
using Microsoft.Data.Sqlite;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>
/// SIGTERM (a service manager stopping the bench, a nightly job's timeout) ends a run as Ctrl-C does: the finished
/// trials stay, the run is marked cancelled, the exit code is 130, and the rig's in-use mark is removed.
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
