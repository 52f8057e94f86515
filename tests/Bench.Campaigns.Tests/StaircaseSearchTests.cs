using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests;

public sealed class StaircaseSearchTests
{
    /// <summary>A noisy flip: P(timeout) is a logistic in the level around <paramref name="midpoint"/>.</summary>
    private static Func<double, CancellationToken, Task<TrialOutcome>> Logistic(double midpoint, double slope, int seed)
    {
        var random = new Random(seed);
        return (level, _) =>
        {
            var timeoutProbability = 1 / (1 + Math.Exp(-(level - midpoint) / slope));
            return Task.FromResult(random.NextDouble() < timeoutProbability ? TrialOutcome.Timeout : TrialOutcome.Approved);
        };
    }

    [Test]
    public async Task Finds_the_50_percent_point_of_a_noisy_flip_within_its_interval_most_of_the_time()
    {
        var inside = 0;
        const int runs = 40;
        for (var seed = 0; seed < runs; seed++)
        {
            var result = await new StaircaseSearch(0, 31.5, 0.5, 40).RunAsync(Logistic(22.3, 0.8, seed));
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found), result.Explanation);
            Assert.That(result.Probabilistic, Is.True);
            Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(40));
            Assert.That(result.Threshold!.Value, Is.InRange(19.0, 25.5));
            if (result.IntervalLow <= 22.3 && 22.3 <= result.IntervalHigh) inside++;
            // Every level is on the attenuator's grid.
            Assert.That(result.Trials.Select(trial => trial.Parameter * 2), Has.All.Matches<double>(twice => Math.Abs(twice - Math.Round(twice)) < 1e-9));
            Assert.That(result.TrialsPerLevel.Sum(level => level.Trials), Is.EqualTo(result.TrialsUsed));
        }

        // A 95 % interval from 6 reversals is rough: most runs, not all, must contain the truth.
        Assert.That(inside, Is.GreaterThanOrEqualTo(runs * 6 / 10));
    }

    [Test]
    public async Task Reports_not_found_when_the_terminal_never_times_out()
    {
        var result = await new StaircaseSearch(0, 10, 1, 40).RunAsync((_, _) => Task.FromResult(TrialOutcome.Approved));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundApprovedAtUpperBound));
            Assert.That(result.Threshold, Is.Null);
            Assert.That(result.Trials[^1].Parameter, Is.EqualTo(10));
        });
    }

    [Test]
    public async Task Reports_not_found_when_the_terminal_always_times_out()
    {
        var result = await new StaircaseSearch(0, 10, 1, 40).RunAsync((_, _) => Task.FromResult(TrialOutcome.Timeout));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound));
        Assert.That(result.Trials[^1].Parameter, Is.EqualTo(0));
    }

    [Test]
    public async Task Two_rig_faults_in_a_row_abort_and_are_not_data()
    {
        var calls = 0;
        var result = await new StaircaseSearch(0, 10, 1, 40).RunAsync((_, _) =>
            Task.FromResult(++calls <= 3 ? TrialOutcome.Approved : TrialOutcome.RigFault));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
            Assert.That(result.RigFaults, Is.EqualTo(2));
            Assert.That(result.TrialsUsed, Is.EqualTo(3));
            Assert.That(result.TrialsPerLevel.Sum(level => level.Trials), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Stops_at_the_trial_budget()
    {
        // A flip so noisy the staircase wanders: the budget ends it.
        var result = await new StaircaseSearch(0, 100, 1, 12).RunAsync(Logistic(50, 1000, 3));
        Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(12));
    }

    [Test]
    public void Rejects_a_bad_range()
    {
        Assert.Throws<ArgumentException>(() => new StaircaseSearch(5, 5, 1, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaircaseSearch(0, 5, 0, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaircaseSearch(0, 5, 1, 2));
    }
}
