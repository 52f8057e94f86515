using System.Diagnostics;
using Bench.Results;

namespace Bench.Reports.Tests;

/// <summary><c>bench report</c> and <c>bench compare</c> as their own process, with their exit codes, as a nightly job runs them.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Test]
    public async Task Report_rebuilds_the_outputs_of_a_folder_from_its_store()
    {
        using var folder = new TemporaryDirectory();
        using (var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"))) await SampleRun.WriteAsync(store);

        var (exitCode, output, error) = await BenchAsync("report", folder.Path, "--run", SampleRun.RunKey);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("report:   " + Path.Combine(folder.Path, "report.html")));
        Assert.That(File.Exists(Path.Combine(folder.Path, "junit.xml")), Is.True);
        Assert.That(File.Exists(Path.Combine(folder.Path, "timelines", "pax-delay-trial-2.svg")), Is.True);
    }

    [Test]
    public async Task Report_of_a_folder_without_a_store_is_bad_input()
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, _, error) = await BenchAsync("report", folder.Path);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.Trim(), Is.EqualTo($"bench report: {folder.Path}: no results store (results.db) in it; name the output folder of a bench run"));
    }

    [Test]
    public async Task Report_of_an_unknown_run_is_bad_input()
    {
        using var folder = new TemporaryDirectory();
        using (var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"))) await SampleRun.WriteAsync(store);

        var (exitCode, _, error) = await BenchAsync("report", folder.Path, "--run", "nope");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no run nope"));
    }

    [Test]
    public async Task Compare_exits_0_when_no_threshold_moved_and_1_when_one_did_and_draws_the_plot()
    {
        using var folder = new TemporaryDirectory();
        var a = folder.Write("a/summary.json", Summary(59.9, 59.8, 60.0));
        var same = folder.Write("same/summary.json", Summary(59.95, 59.9, 60.0));
        folder.Write("moved/summary.json", Summary(29.9, 29.8, 30.0));
        var plots = Path.Combine(folder.Path, "plots");

        var unmoved = await BenchAsync("compare", a, same, "--out", plots);
        var moved = await BenchAsync("compare", Path.Combine(folder.Path, "a"), Path.Combine(folder.Path, "moved"), "--out", plots);

        Assert.Multiple(() =>
        {
            Assert.That(unmoved.ExitCode, Is.EqualTo(0), unmoved.Error);
            Assert.That(unmoved.Output, Does.Contain("no threshold moved beyond its interval"));
            Assert.That(moved.ExitCode, Is.EqualTo(1), moved.Error);
            Assert.That(moved.Output, Does.Contain("MOVED: moved beyond both intervals"));
            Assert.That(moved.Output, Does.Contain("-30 s"));
            Assert.That(new FileInfo(Path.Combine(plots, "compare.png")).Length, Is.GreaterThan(1000));
            Assert.That(new FileInfo(Path.Combine(plots, "compare.svg")).Length, Is.GreaterThan(1000));
        });
    }

    [Test]
    public async Task Compare_reads_a_folder_without_summary_json_from_its_store()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "store"));
        using (var store = ResultsStore.Open(Path.Combine(folder.Path, "store", "results.db"))) await SampleRun.WriteAsync(store);
        var b = folder.Write("b/summary.json", Summary(59.9, 59.8, 60.0));

        var result = await BenchAsync("compare", Path.Combine(folder.Path, "store"), b, "--out", folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error + result.Output);
        Assert.That(result.Output, Does.Contain("pax-delay").And.Contain("within the intervals"));
    }

    [TestCase("missing")]
    [TestCase("not-json")]
    public async Task Compare_with_bad_input_exits_2(string kind)
    {
        using var folder = new TemporaryDirectory();
        var a = folder.Write("a/summary.json", Summary(59.9, 59.8, 60.0));
        var b = kind == "missing" ? Path.Combine(folder.Path, "nowhere") : folder.Write("b/summary.json", "not json at all");

        var result = await BenchAsync("compare", a, b);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("bench compare: " + b));
    }

    private static string Summary(double threshold, double low, double high) => $$"""
        { "runId": "run", "campaignName": "c", "experiments": [
          { "name": "pax-delay", "injectionKind": "hostResponseDelay", "parameterName": "host response delay", "parameterUnit": "s",
            "status": "found", "threshold": {{threshold}}, "intervalLow": {{low}}, "intervalHigh": {{high}} } ] }
        """;

    private static async Task<(int ExitCode, string Output, string Error)> BenchAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "bench.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bench {string.Join(' ', arguments)} did not end within {Limit.TotalSeconds:0} s");
        }
        return (process.ExitCode, await output, await error);
    }
}
