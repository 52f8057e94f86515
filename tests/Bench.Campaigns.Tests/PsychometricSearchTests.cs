using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests;

public sealed class PsychometricSearchTests
{
    /// <summary>A noisy flip: P(timeout) is a logistic in the level around <paramref name="midpoint"/>, outcomes drawn from a seeded source.</summary>
    private static Func<double, CancellationToken, Task<TrialObservation>> Logistic(double midpoint, double slope, int seed)
    {
        var random = new Random(seed);
        return (level, _) => Task.FromResult(new TrialObservation(
            random.NextDouble() < 1 / (1 + Math.Exp(-(level - midpoint) / slope)) ? TrialOutcome.Timeout : TrialOutcome.Approved));
    }

    [Test]
    public async Task Converges_on_a_seeded_logistic_within_its_interval()
    {
        const int runs = 30;
        var inside = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var result = await new PsychometricSearch(0, 31.5, 0.5, 2, 200).RunAsync(Logistic(22.3, 0.8, seed));
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found), result.Explanation);
            Assert.That(result.Probabilistic, Is.True);
            Assert.That(result.SearchMethod, Is.EqualTo("psychometric"));
            Assert.That(result.IntervalHigh - result.IntervalLow, Is.LessThan(2));
            Assert.That(result.Threshold!.Value, Is.InRange(result.IntervalLow!.Value, result.IntervalHigh!.Value));
            Assert.That(result.Threshold.Value, Is.EqualTo(22.3).Within(2));
            Assert.That(result.Slope, Is.InRange(0.1, 5));
            Assert.That(result.Trials.Select(trial => trial.Parameter * 2), Has.All.Matches<double>(twice => Math.Abs(twice - Math.Round(twice)) < 1e-9));
            Assert.That(result.TrialsPerLevel.Sum(level => level.Trials), Is.EqualTo(result.TrialsUsed));
            if (result.IntervalLow <= 22.3 && 22.3 <= result.IntervalHigh) inside++;
        }

        // A 95 % credible interval: nearly every run holds the truth.
        Assert.That(inside, Is.GreaterThanOrEqualTo(runs * 85 / 100));
    }

    [Test]
    public async Task Is_deterministic_given_the_outcomes()
    {
        var first = await new PsychometricSearch(0, 31.5, 0.5, 2, 200).RunAsync(Logistic(12, 1, 5));
        var second = await new PsychometricSearch(0, 31.5, 0.5, 2, 200).RunAsync(Logistic(12, 1, 5));
        Assert.That(second.Trials.Select(trial => trial.Parameter), Is.EqualTo(first.Trials.Select(trial => trial.Parameter)));
        Assert.That(second.Threshold, Is.EqualTo(first.Threshold));
    }

    [Test]
    public async Task Stops_at_the_trial_budget_and_says_the_interval_is_wider_than_requested()
    {
        var result = await new PsychometricSearch(0, 100, 1, 1, 12).RunAsync(Logistic(50, 20, 3));
        Assert.That(result.TrialsUsed, Is.EqualTo(12));
        Assert.That(result.Explanation, Does.Contain("trial budget (12) was spent"));
    }

    [Test]
    public async Task Reports_not_found_above_when_the_terminal_never_times_out()
    {
        var result = await new PsychometricSearch(0, 10, 0.5, 1, 100).RunAsync((_, _) => Task.FromResult(new TrialObservation(TrialOutcome.Approved)));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundApprovedAtUpperBound), result.Explanation);
        Assert.That(result.Threshold, Is.Null);
        Assert.That(result.TrialsUsed, Is.LessThan(20));
    }

    [Test]
    public async Task Reports_not_found_below_when_the_terminal_always_times_out()
    {
        var result = await new PsychometricSearch(0, 10, 0.5, 1, 100).RunAsync((_, _) => Task.FromResult(new TrialObservation(TrialOutcome.Timeout)));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound), result.Explanation);
    }

    [Test]
    public async Task Invalid_trials_are_repeated_at_the_same_level_and_abort_at_the_limit()
    {
        var calls = 0;
        var result = await new PsychometricSearch(0, 10, 0.5, 1, 100).RunAsync((_, _) => Task.FromResult(
            ++calls <= 2 ? new TrialObservation(TrialOutcome.Approved) : new TrialObservation(TrialOutcome.Invalid, "trial watchdog")));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
            Assert.That(result.AbortedByInvalidTrials, Is.True);
            Assert.That(result.TrialsUsed, Is.EqualTo(2));
            Assert.That(result.RigFaults, Is.EqualTo(2));
            Assert.That(result.Trials[^1].Parameter, Is.EqualTo(result.Trials[^2].Parameter));
            Assert.That(result.Explanation, Does.Contain("trial watchdog"));
        });
    }

    [Test]
    public async Task A_decline_aborts()
    {
        var result = await new PsychometricSearch(0, 10, 0.5, 1, 100).RunAsync((_, _) => Task.FromResult(new TrialObservation(TrialOutcome.Declined)));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
        Assert.That(result.Explanation, Does.Contain("Declined"));
    }

    [Test]
    public void Fits_trials_run_elsewhere()
    {
        var search = new PsychometricSearch(0, 20, 0.5, 1, 10);
        var random = new Random(2);
        var tallies = search.TrialLevels.Select(level =>
        {
            var timeouts = Enumerable.Range(0, 20).Count(_ => random.NextDouble() < 1 / (1 + Math.Exp(-(level - 8) / 1.0)));
            return new LevelTally(level, 20, timeouts);
        }).ToList();
        var fit = search.Fit(tallies);
        Assert.That(fit.Threshold, Is.EqualTo(8).Within(0.5));
        Assert.That(fit.IntervalLow, Is.LessThan(8));
        Assert.That(fit.IntervalHigh, Is.GreaterThan(8));
        Assert.That(fit.Slope, Is.EqualTo(1).Within(0.6));
    }
}
