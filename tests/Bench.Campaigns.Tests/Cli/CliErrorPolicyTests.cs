using Bench.Cli;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>Every error of <c>bench run</c> is one line with a documented exit code; no stack trace reaches the console.</summary>
[NonParallelizable]
public sealed class CliErrorPolicyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static void AssertOneLine(BenchResult result, int exitCode, string fragment)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
            Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.StartWith("bench run: ").And.Contain(fragment), result.ToString());
            Assert.That(result.Error + result.Output, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), result.ToString());
        });
    }

    [Test]
    public async Task An_output_folder_that_cannot_be_created_is_exit_2()
    {
        var result = await BenchProcess.RunAsync(Limit, "run", RepositoryFiles.Fixture("campaigns/quickstart.yaml"), "--out", "/proc/bench-test");

        AssertOneLine(result, ExitCodes.BadInput, "--out /proc/bench-test: cannot create the output folder");
    }

    [Test]
    public async Task An_output_path_naming_a_file_is_exit_2()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("not-a-folder", "x");

        var result = await BenchProcess.RunAsync(Limit, "run", RepositoryFiles.Fixture("campaigns/quickstart.yaml"), "--out", file);

        AssertOneLine(result, ExitCodes.BadInput, "is a file; name a folder");
    }

    [Test]
    public async Task A_results_db_that_is_not_sqlite_is_exit_2_and_left_alone()
    {
        using var folder = new TemporaryDirectory();
        var database = folder.Write("results.db", "these are someone's notes, not a database");

        var result = await BenchProcess.RunAsync(Limit, "run", RepositoryFiles.Fixture("campaigns/quickstart.yaml"), "--out", folder.Path);

        AssertOneLine(result, ExitCodes.BadInput, "results.db is not a results database");
        Assert.That(await File.ReadAllTextAsync(database), Is.EqualTo("these are someone's notes, not a database"));
    }

    [TestCase("settle: 20min", "does not fit inside the trial watchdog")]
    [TestCase("settle: 100000h", "does not fit inside the trial watchdog")]
    [TestCase("settle: -1s", "must not be negative")]
    public async Task A_settle_window_the_run_cannot_honour_is_refused_at_load_with_its_position(string settle, string problem)
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("campaign.yaml", CliCampaigns.Quickstart().Replace("settle: 1s          # let a reversal go out before the next sale", settle, StringComparison.Ordinal));

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", Path.Combine(folder.Path, "out"));

        AssertOneLine(result, ExitCodes.BadInput, $"{campaign}:15:5: experiments[0].settle: ");
        Assert.That(result.Error, Does.Contain(problem));
        Assert.That(Directory.Exists(Path.Combine(folder.Path, "out")), Is.False, "nothing ran");
    }

    [Test]
    public void An_internal_error_is_one_line_on_the_console_and_its_stack_trace_in_the_log()
    {
        using var folder = new TemporaryDirectory();
        var log = Path.Combine(folder.Path, RunLogFile.FileName);
        var console = new StringWriter();
        Exception error;
        try
        {
            throw new InvalidOperationException("broken invariant for card 6222021234567890128\nsecond line");
        }
        catch (InvalidOperationException thrown)
        {
            error = thrown;
        }

        var exitCode = InternalError.Report(error, "bench run", log, console);

        var logText = File.ReadAllText(log);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(console.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(console.ToString(), Does.StartWith("bench run: internal error: InvalidOperationException: broken invariant for card 622202*********0128;")
                .And.Contain($"the stack trace is in {log}"));
            Assert.That(logText, Does.Contain("   at ").And.Contain("second line"));
            Assert.That(logText, Does.Not.Contain("6222021234567890128"));
        });
    }
}
