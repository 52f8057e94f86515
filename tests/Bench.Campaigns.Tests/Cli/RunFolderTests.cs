using System.Text;
using System.Text.Json;
using Bench.Cli;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>
/// An output folder belongs to one run at a time; a killed run is marked interrupted by the next
/// and its pending reversal stays its own; after a run no card number is left anywhere in the folder.
/// </summary>
[NonParallelizable]
public sealed class RunFolderTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Test]
    public async Task A_second_run_is_refused_and_a_killed_run_is_interrupted_with_its_reversal_left_pending_not_sent()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        // Every sale goes unanswered: the terminal stores a reversal before each 0200 leaves.
        var lost = folder.Write("lost.yaml", CliCampaigns.Vx520("lost", 120, 0.25, "no-reply-sales.yaml"));
        var quick = folder.Write("quick.yaml", CliCampaigns.Vx520("quick", 60, 30));

        using var first = BenchProcess.Start("run", lost, "--out", output);
        var holderFile = Path.Combine(output, OutputFolderLock.HolderFileName);
        await WaitUntilAsync(() => File.Exists(holderFile) && new FileInfo(holderFile).Length > 0, "the first run took the folder");
        var holder = JsonSerializer.Deserialize<OutputFolderHolder>(await File.ReadAllTextAsync(holderFile))!;

        var refused = await BenchProcess.RunAsync(Limit, "run", quick, "--out", output);

        await WaitUntilAsync(() => Directory.Exists(Path.Combine(output, "flash"))
            && Directory.EnumerateFiles(Path.Combine(output, "flash"), "reversal.json", SearchOption.AllDirectories).Any(), "a reversal is pending");
        first.Kill();
        await first.WaitAsync(Limit);

        var next = await BenchProcess.RunAsync(Limit, "run", quick, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.BadInput), refused.ToString());
            Assert.That(refused.ErrorLines, Has.Count.EqualTo(1), refused.ToString());
            Assert.That(refused.Error, Does.Contain($"is in use by run {holder.RunKey}").And.Contain($"process {first.Id}"), refused.ToString());
            Assert.That(next.ExitCode, Is.EqualTo(ExitCodes.Success), next.ToString());
            Assert.That(next.Error, Does.Contain($"run {holder.RunKey} (lost").And.Contain("never ended: marked interrupted"), next.ToString());
            Assert.That(next.Error, Does.Contain($"run {holder.RunKey} left reversal STAN").And.Contain("not sent into this one"), next.ToString());
        });

        using var store = ResultsStore.Open(Path.Combine(output, "results.db"));
        var runs = store.ReadRuns();
        var left = store.ReadEvents(kind: "reversal-left-pending");
        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(run => (run.RunKey, run.Outcome)), Is.EqualTo(new[] { ((string?)holder.RunKey, (string?)"interrupted"), (runs[1].RunKey, "completed") }));
            Assert.That(runs[1].RunKey, Is.Not.EqualTo(holder.RunKey));
            Assert.That(left.Select(e => e.RunId), Is.EqualTo(new long?[] { runs[0].Id }), "the reversal is reported as the killed run's");
            Assert.That(FirstTrialReversals(Path.Combine(output, "results.db"), runs[1].Id), Is.Empty, "the killed run's reversal was not sent into the next run");
        });
    }

    [Test]
    public async Task After_the_quick_start_no_card_number_or_track_2_is_anywhere_in_the_output_folder()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");

        var result = await BenchProcess.RunAsync(Limit, "run", RepositoryFiles.Fixture("campaigns/quickstart.yaml"), "--out", output);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        const string pan = "6222021234567890128";
        const string afterSeparator = "30122200000000000";
        var forms = new Dictionary<string, byte[]>
        {
            ["PAN in ASCII"] = Encoding.ASCII.GetBytes(pan),
            ["PAN in packed BCD"] = Packed(pan),
            ["PAN in packed BCD, odd nibble"] = Packed("0" + pan)[1..],
            ["PAN as hex text"] = Encoding.ASCII.GetBytes(Convert.ToHexString(Packed(pan))),
            ["track 2 in ASCII"] = Encoding.ASCII.GetBytes(pan + "=" + afterSeparator),
            ["track 2 in ASCII, D separator"] = Encoding.ASCII.GetBytes(pan + "D" + afterSeparator),
            ["track 2 in packed BCD"] = Convert.FromHexString(pan + "D" + afterSeparator[..^1]),
        };
        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList();
        Assert.That(files.Select(Path.GetFileName), Does.Contain("results.db").And.Contain("summary.json").And.Contain(RunLogFile.FileName));
        Assert.That(files.Any(file => file.Contains($"{Path.DirectorySeparatorChar}flash{Path.DirectorySeparatorChar}", StringComparison.Ordinal)), Is.True);
        using (var store = ResultsStore.Open(Path.Combine(output, "results.db")))
        {
            Assert.That(store.ReadFrames().Count(frame => frame.CardDataMasked), Is.GreaterThan(0), "the sales' frames were stored, masked");
        }

        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var (form, pattern) in forms)
                Assert.That(bytes.AsSpan().IndexOf(pattern), Is.EqualTo(-1), $"{form} in {file}");
        }
    }

    private static byte[] Packed(string digits) => Convert.FromHexString(digits.Length % 2 == 0 ? digits : digits + "0")[..(digits.Length / 2)];

    private static List<string> FirstTrialReversals(string database, long runId)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT details_json FROM trials WHERE run_id = $run ORDER BY id LIMIT 1";
        command.Parameters.AddWithValue("$run", runId);
        var details = (string)command.ExecuteScalar()!;
        return JsonDocument.Parse(details).RootElement.GetProperty("reversalsSent").EnumerateArray().Select(stan => stan.GetString()!).ToList();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
