using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class ResultsStoreTests
{
    [Test]
    public void Runs_experiments_trials_and_events_are_stored_at_once_in_wal_mode()
    {
        using var database = new TemporaryDatabase();
        long trialId;
        using (var store = ResultsStore.Open(database.Path))
        {
            var run = store.CreateRun("nightly", """{"rig":"simulated"}""");
            var experiment = store.AddExperiment(run, "host delay sweep", "host-response-delay", "seconds");
            trialId = store.RecordTrial(new TrialRecord(run, experiment, 0, 29.5, "approved", 1_000, 2_000) { DetailsJson = """{"stan":"000001"}""" });
            store.RecordEvent(new EventRecord(1_500, "rig", "line-cut", "phase 2") { TrialId = trialId }, run);
            store.EndRun(run, "passed");
        }

        using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        connection.Open();
        Assert.Multiple(() =>
        {
            Assert.That(Scalar(connection, "PRAGMA journal_mode"), Is.EqualTo("wal"));
            Assert.That(Scalar(connection, "SELECT outcome FROM runs"), Is.EqualTo("passed"));
            Assert.That(Scalar(connection, "SELECT parameter_value || ' ' || outcome || ' ' || started_ns || ' ' || ended_ns FROM trials"), Is.EqualTo("29.5 approved 1000 2000"));
            Assert.That(Scalar(connection, "SELECT kind || ' ' || trial_id FROM events"), Is.EqualTo($"line-cut {trialId}"));
            Assert.That(Scalar(connection, "SELECT parameter_name FROM experiments"), Is.EqualTo("seconds"));
        });
    }

    [Test]
    public void Masking_leaves_the_fraction_of_a_number_alone_so_details_stay_valid_json()
    {
        using var database = new TemporaryDatabase();
        using var store = ResultsStore.Open(database.Path);
        var run = store.CreateRun("masking");
        var experiment = store.AddExperiment(run, "sweep");
        var details = $$"""{"seconds":0.30000000000000004,"pan":"{{TestMessages.Pan}}"}""";

        store.RecordTrial(new TrialRecord(run, experiment, 0, null, "approved", 1, 2) { DetailsJson = details });

        var stored = store.AllTextValues().Single(value => value is { Table: "trials", Column: "details_json" }).Value;
        var json = System.Text.Json.JsonDocument.Parse(stored).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("seconds").GetDouble(), Is.EqualTo(0.30000000000000004));
            Assert.That(json.GetProperty("pan").GetString(), Is.EqualTo("622202*********0123"));
        });
    }

    [Test]
    public void Monotonic_time_is_in_nanoseconds()
    {
        var before = MonotonicTime.NowNanoseconds();
        Thread.Sleep(20);
        var elapsed = MonotonicTime.NowNanoseconds() - before;
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(15_000_000).And.LessThan(60_000_000_000));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
