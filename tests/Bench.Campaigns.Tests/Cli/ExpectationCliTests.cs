using Bench.Campaigns.Expectations;
using Bench.Campaigns.Summary;
using Bench.Cli;

namespace Bench.Campaigns.Tests.Cli;

/// <summary><c>bench run</c> and expectations: a failed one is exit 1, a baseline comes from the campaign or <c>--baseline</c>.</summary>
[NonParallelizable]
public sealed class ExpectationCliTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    // Three trials at most: 60 s, 0 s, then 30 s against the VX520's 30 s timeout.
    private static string Campaign(string expectations) =>
        CliCampaigns.Vx520("quick", 60, 30).TrimEnd() + "\n    expectations:\n" + string.Concat(expectations.Split('\n').Select(line => $"      {line}\n"));

    [Test]
    public async Task A_failed_expectation_is_exit_1_with_its_detail_and_every_verdict_in_summary_json()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", Campaign("threshold: {nominal: 5s, tolerance: 1s, name: impossible-timeout}\nthresholdFound: true\nnoOrphanDebit: true"));
        var output = Path.Combine(folder.Path, "out");

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", output);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.ErrorLines, Has.Some.Matches<string>(line =>
            line.StartsWith("bench run: quick-delay: expectation impossible-timeout failed: threshold ", StringComparison.Ordinal) && line.Contains("is above the limit 6 s", StringComparison.Ordinal)), result.ToString());
        Assert.That(result.Output, Does.Contain("Expectations: 2 pass, 1 FAIL"), result.ToString());
        var summary = SummaryJsonWriter.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, SummaryJsonWriter.FileName)));
        Assert.That(summary.Expectations.Select(verdict => (verdict.Experiment, verdict.Name, verdict.Quantity, verdict.Verdict)), Is.EqualTo(new[]
        {
            ("quick-delay", "impossible-timeout", "threshold", ExpectationOutcome.Fail),
            ("quick-delay", "thresholdFound", "thresholdFound", ExpectationOutcome.Pass),
            ("quick-delay", "noOrphanDebit", "orphanDebit", ExpectationOutcome.Pass),
        }));
        Assert.That(summary.Expectations[0].TrialIndex, Is.Not.Null);
    }

    [Test]
    public async Task A_baseline_given_with_the_option_is_held_against_and_passing_expectations_are_exit_0()
    {
        using var folder = new TemporaryDirectory();
        var baseline = folder.Write("baseline/summary.json", ExpectationBaselineTests.SummaryJson("quick-delay", "s", 15));
        var campaign = folder.Write("quick.yaml", Campaign("maxMoveFromBaseline: 30s\nthreshold: {min: 0s, max: 60s}"));
        var output = Path.Combine(folder.Path, "out");

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", output, "--baseline", baseline);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var summary = SummaryJsonWriter.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, SummaryJsonWriter.FileName)));
        var move = summary.Expectations.Single(verdict => verdict.Quantity == "moveFromBaseline");
        Assert.That((move.Low, move.High, move.Unit), Is.EqualTo(((double?)-30, (double?)30, "s")));
        Assert.That(move.Measured, Is.EqualTo(summary.Experiments[0].Threshold - 15));
        Assert.That(move.Detail, Does.Contain("in baseline run baseline-run"));
        Assert.That(move.Verdict, Is.Not.EqualTo(ExpectationOutcome.Fail));
    }

    [Test]
    public async Task A_baseline_expectation_without_a_baseline_is_exit_2_at_its_position_before_any_trial()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", Campaign("maxMoveFromBaseline: 1s"));
        var line = File.ReadAllLines(campaign).ToList().FindIndex(text => text.Contains("maxMoveFromBaseline", StringComparison.Ordinal)) + 1;

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", Path.Combine(folder.Path, "out"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith($"bench run: {campaign}:{line}:7: experiments[0].expectations.maxMoveFromBaseline: needs a baseline run"), result.ToString());
        Assert.That(Directory.Exists(Path.Combine(folder.Path, "out")), Is.False, "refused before any output");
    }

    [Test]
    public async Task A_baseline_option_naming_no_summary_is_exit_2()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", Campaign("maxMoveFromBaseline: 1s"));
        var notSummary = folder.Write("notes.json", "[1, 2, 3]");

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", Path.Combine(folder.Path, "out"), "--baseline", notSummary);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith($"bench run: {notSummary}:1:").And.Contain(": not a run summary: "), result.ToString());
    }
}
