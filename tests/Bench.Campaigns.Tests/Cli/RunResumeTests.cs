using Bench.Campaigns.Summary;
using Bench.Cli;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>
/// <c>bench run --resume DIR</c>: a run killed with SIGKILL in the middle of a trial continues where it stopped, with
/// no finished trial repeated or lost, and ends with the trials and thresholds of a run never interrupted.
/// </summary>
[NonParallelizable]
public sealed class RunResumeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Test]
    public async Task A_run_killed_mid_trial_resumes_into_the_same_run_with_the_trials_and_thresholds_of_an_uninterrupted_one()
    {
        using var folder = new TemporaryDirectory();
        // Bisection over 0..128 s at 8 s: 64, 32, 16, 24, 28; every host delay at least 2 s from the VX520's 30 s timeout.
        var campaign = folder.Write("resume.yaml", CliCampaigns.Vx520("resume", 128, 8));
        var whole = Path.Combine(folder.Path, "whole");
        var killed = Path.Combine(folder.Path, "killed");

        var uninterruptedRun = BenchProcess.RunAsync(Limit, "run", campaign, "--out", whole);
        BenchResult killedRun;
        using (var first = BenchProcess.Start("run", campaign, "--out", killed))
        {
            // Killed while the host holds trial 3's 0200: the flush sale's reversal of trial 2 and its booking went
            // before that frame in the recorder's queue, so they are committed. (A kill within the recorder's batch
            // window of a booking loses that booking while the terminal's flash keeps what the reply did: see README.)
            await WaitUntilAsync(() => Trials(killed).Count >= 2 && ReceivedSales(killed) >= 4,
                "the run to be killed finished two trials, its flush sale and sent trial 3's sale");
            first.Kill();
            killedRun = await first.WaitAsync(Limit);
        }
        var beforeResume = Trials(killed);
        var runKey = Runs(killed).Single().RunKey;

        var resumed = await BenchProcess.RunAsync(Limit, "run", campaign, "--resume", killed);
        var uninterrupted = await uninterruptedRun;

        Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Success), resumed.ToString());
        Assert.That(uninterrupted.ExitCode, Is.EqualTo(ExitCodes.Success), uninterrupted.ToString());
        var after = Trials(killed);
        var reference = Trials(whole);
        var runs = Runs(killed);
        Assert.Multiple(() =>
        {
            Assert.That(beforeResume, Has.Count.LessThan(reference.Count), $"killed before its end: {killedRun}");
            Assert.That(after, Has.Count.EqualTo(reference.Count), resumed.ToString());
            Assert.That(after.Select(trial => (trial.Experiment, trial.Index)).Distinct().Count(), Is.EqualTo(after.Count), "no trial recorded twice");
            Assert.That(after.Select(trial => trial.Index), Is.EqualTo(Enumerable.Range(1, after.Count)));
            Assert.That(after.Take(beforeResume.Count), Is.EqualTo(beforeResume), "the killed run's trials are kept as they were, not repeated");
            Assert.That(after.Select(trial => (trial.Parameter, trial.Outcome)), Is.EqualTo(reference.Select(trial => (trial.Parameter, trial.Outcome))));
            Assert.That(runs.Select(run => (run.RunKey, run.Outcome)), Is.EqualTo(new[] { (runKey, (string?)"completed") }), "one run, resumed and ended");
            Assert.That(resumed.Output, Does.Contain("(replayed)"), resumed.ToString());
            Assert.That(Thresholds(killed), Is.EqualTo(Thresholds(whole)));
        });
        using (var store = ResultsStore.Open(Path.Combine(killed, "results.db")))
        {
            var resumedEvent = store.ReadEvents(kind: "run-resumed").Single();
            Assert.That(resumedEvent.RunId, Is.EqualTo(runs[0].Id));
            Assert.That(resumedEvent.Detail, Does.Contain($"\"storedTrials\":{beforeResume.Count}"));
        }

        // Once finished, a run is not resumed again; another campaign or other overrides are refused.
        var again = await BenchProcess.RunAsync(Limit, "run", campaign, "--resume", killed);
        var other = await BenchProcess.RunAsync(Limit, "run", folder.Write("other.yaml", CliCampaigns.Vx520("other", 128, 8)), "--resume", killed);
        var overridden = await BenchProcess.RunAsync(Limit, "run", campaign, "--resume", killed, "--set", "terminal.firmwareBugs.macCheckIgnored=true");
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.Success), again.ToString());
            Assert.That(again.Output, Does.Contain($"run {runKey} already finished"), again.ToString());
            Assert.That(Trials(killed), Has.Count.EqualTo(after.Count), "no trial run for a finished run");
            Assert.That(other.ExitCode, Is.EqualTo(ExitCodes.BadInput), other.ToString());
            Assert.That(other.ErrorLines, Is.EqualTo(new[] { $"bench run: --resume {killed}: its last run, run {runKey}, is of campaign 'resume', not 'other'; resume it with its own campaign file" }), other.ToString());
            Assert.That(overridden.ExitCode, Is.EqualTo(ExitCodes.BadInput), overridden.ToString());
            Assert.That(overridden.Error, Does.Contain("other --set overrides"), overridden.ToString());
            Assert.That(Runs(killed).Single().Outcome, Is.EqualTo("completed"), "a refused resume leaves the run as it was");
        });
    }

    [Test]
    public async Task Resuming_a_folder_without_results_is_exit_2_in_one_line()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", CliCampaigns.Vx520("quick", 60, 30));

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--resume", folder.Path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(result.ErrorLines, Is.EqualTo(new[] { $"bench run: --resume {folder.Path}: no results.db there; name the output folder of the run to resume" }), result.ToString());
        });
    }

    private sealed record TrialRow(long Id, string Experiment, int Index, double Parameter, string Outcome, long StartedNanoseconds);

    private static List<TrialRow> Trials(string output) => Query(output,
        "SELECT t.id, e.name, t.trial_index, t.parameter_value, t.outcome, t.started_ns FROM trials t JOIN experiments e ON e.id = t.experiment_id ORDER BY t.id",
        reader => new TrialRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetDouble(3), reader.GetString(4), reader.GetInt64(5)));

    /// <summary>0200s the host received: trials 1 and 2, the flush sale of trial 2's reversal, trial 3.</summary>
    private static int ReceivedSales(string output) => Query(output,
        "SELECT COUNT(*) FROM frames WHERE direction = 'received' AND mti = '0200'", reader => reader.GetInt32(0)).SingleOrDefault();

    private static List<(long Id, string? RunKey, string? Outcome)> Runs(string output) => Query(output,
        "SELECT id, run_key, outcome FROM runs ORDER BY id",
        reader => (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));

    private static List<(string Name, double? Threshold, double? LastApproved, double? FirstTimeout, int TrialsUsed)> Thresholds(string output) =>
        SummaryJsonWriter.Deserialize(File.ReadAllText(Path.Combine(output, SummaryJsonWriter.FileName))).Experiments
            .Select(experiment => (experiment.Name, experiment.Threshold, experiment.LastApproved, experiment.FirstTimeout, experiment.TrialsUsed))
            .ToList();

    /// <summary>Reads the database as another process may be writing it; none yet reads as empty.</summary>
    private static List<T> Query<T>(string output, string sql, Func<SqliteDataReader, T> read)
    {
        var database = Path.Combine(output, "results.db");
        var rows = new List<T>();
        if (!File.Exists(database)) return rows;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows.Add(read(reader));
        }
        catch (SqliteException)
        {
            // The schema is still being created.
        }
        return rows;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
