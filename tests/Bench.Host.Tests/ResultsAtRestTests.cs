using Bench.Codec;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Host.Tests;

/// <summary>Card data at rest, run ids, interrupted runs and schema upgrades in results.db.</summary>
[TestFixture]
public sealed class ResultsAtRestTests
{
    private static FrameRecord SaleFrame() =>
        new(1_000, "c1", FrameDirection.Received, IsoCodec.Cup.Encode(TestMessages.Sale(8)), TestMessages.Sale(8));

    [Test]
    public async Task Frame_bodies_are_stored_with_card_digits_masked_by_default_and_raw_on_request()
    {
        using var database = new TemporaryDatabase();
        using (var store = ResultsStore.Open(database.Path))
        {
            await using var recorder = new FrameRecorder(store, store.CreateRun("masked"));
            recorder.Record(SaleFrame());
        }
        using (var store = ResultsStore.Open(database.Path, new ResultsStoreOptions { KeepRawFrames = true }))
        {
            await using var recorder = new FrameRecorder(store, store.CreateRun("raw"));
            recorder.Record(SaleFrame());
        }

        using var reopened = ResultsStore.Open(database.Path);
        var frames = reopened.ReadFrames();
        var file = await File.ReadAllBytesAsync(database.Path);
        Assert.Multiple(() =>
        {
            Assert.That(frames[0].CardDataMasked, Is.True);
            Assert.That(IsoCodec.Cup.Decode(frames[0].Body)[2], Is.EqualTo("622202000000000" + "0123"));
            Assert.That(frames[1].CardDataMasked, Is.False);
            Assert.That(frames[1].Body, Is.EqualTo(SaleFrame().Body));
        });
        Assert.That(Convert.ToHexString(file), Does.Contain(TestMessages.Pan[..18]), "the raw run's frame is byte-exact, PAN included");
    }

    [Test]
    public void Runs_without_an_end_are_marked_interrupted_and_run_keys_are_kept()
    {
        using var database = new TemporaryDatabase();
        using var store = ResultsStore.Open(database.Path);
        var killed = store.CreateRun("killed", runKey: "k1");
        var finished = store.CreateRun("finished", runKey: "k2");
        store.EndRun(finished, "completed");

        var interrupted = store.MarkUnendedRunsInterrupted();

        Assert.Multiple(() =>
        {
            Assert.That(interrupted.Select(run => (run.Id, run.RunKey)), Is.EqualTo(new[] { (killed, (string?)"k1") }));
            Assert.That(store.ReadRuns().Select(run => run.Outcome), Is.EqualTo(new[] { "interrupted", "completed" }));
            Assert.That(store.ReadRuns()[0].EndedUtc, Is.Not.Null);
            Assert.That(store.MarkUnendedRunsInterrupted(), Is.Empty);
        });
    }

    [Test]
    public void Run_keys_are_unique_within_a_millisecond_and_sort_by_start()
    {
        var start = new DateTimeOffset(2025, 3, 14, 10, 15, 2, 123, TimeSpan.Zero);
        var keys = Enumerable.Range(0, 1000).Select(_ => RunKeys.New(start)).ToList();

        Assert.That(keys.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(keys[0], Does.StartWith("20250314T101502.123Z-"));
        Assert.That(string.CompareOrdinal(RunKeys.New(start), RunKeys.New(start.AddMilliseconds(1))), Is.LessThan(0));
    }

    [Test]
    public void A_version_1_database_gains_the_new_columns_when_opened()
    {
        using var database = new TemporaryDatabase();
        using (var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, started_utc TEXT NOT NULL, ended_utc TEXT, outcome TEXT, details_json TEXT);
                CREATE TABLE frames (id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), timestamp_ns INTEGER NOT NULL,
                    connection_id TEXT NOT NULL, direction TEXT NOT NULL, mti TEXT, stan TEXT, body BLOB NOT NULL, summary TEXT NOT NULL);
                INSERT INTO runs (name, started_utc) VALUES ('old', '2024-01-01T00:00:00Z');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using var store = ResultsStore.Open(database.Path);

        Assert.That(store.ReadRuns().Single().RunKey, Is.Null);
        Assert.That(store.MarkUnendedRunsInterrupted().Single().Name, Is.EqualTo("old"));
    }
}
