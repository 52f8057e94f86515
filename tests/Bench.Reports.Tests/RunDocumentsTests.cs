using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Reports.Tests;

public sealed class RunDocumentsTests
{
    [Test]
    public void A_document_is_kept_per_run_and_name_and_a_second_save_replaces_it()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var first = store.CreateRun("a");
        var second = store.CreateRun("b");

        store.SaveDocument(first, RunDocumentNames.Summary, """{"runId":"one"}""");
        store.SaveDocument(first, RunDocumentNames.Summary, """{"runId":"one, again"}""");
        store.SaveDocument(second, RunDocumentNames.Summary, """{"runId":"two"}""");

        Assert.Multiple(() =>
        {
            Assert.That(store.ReadDocument(first, RunDocumentNames.Summary), Is.EqualTo("""{"runId":"one, again"}"""));
            Assert.That(store.ReadDocument(second, RunDocumentNames.Summary), Is.EqualTo("""{"runId":"two"}"""));
            Assert.That(store.ReadDocument(first, RunDocumentNames.Checker), Is.Null);
        });
    }

    [Test]
    public void A_documents_strings_are_masked_but_its_numbers_and_layout_are_kept()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var run = store.CreateRun("a");

        store.SaveDocument(run, RunDocumentNames.Summary,
            "{\n  \"pan\": \"card 6222021234567890128 \\\"quoted\\\"\",\n  \"invokedNanoseconds\": 12753932163241,\n  \"threshold\": 0.30000000000000004\n}");

        Assert.That(store.ReadDocument(run, RunDocumentNames.Summary), Is.EqualTo(
            "{\n  \"pan\": \"card 622202*********0128 \\\"quoted\\\"\",\n  \"invokedNanoseconds\": 12753932163241,\n  \"threshold\": 0.30000000000000004\n}"));
    }

    [Test]
    public void A_store_from_before_run_documents_gains_the_table_when_opened()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "results.db");
        long run;
        using (var store = ResultsStore.Open(path)) run = store.CreateRun("old");
        // A version 3 database: as it was before documents were kept.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE run_documents; PRAGMA user_version = 3;";
            command.ExecuteNonQuery();
        }

        using var reopened = ResultsStore.Open(path);
        reopened.SaveDocument(run, RunDocumentNames.Checker, "{}");

        Assert.That(reopened.ReadDocument(run, RunDocumentNames.Checker), Is.EqualTo("{}"));
        Assert.That(reopened.ReadRuns().Single().Name, Is.EqualTo("old"));
    }
}
