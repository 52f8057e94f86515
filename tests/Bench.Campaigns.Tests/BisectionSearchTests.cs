using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests;

public sealed class BisectionSearchTests
{
    private static readonly (double Low, double High, double Resolution)[] Ranges =
    [
        (0, 120, 0.25),
        (0, 1, 0.125),
        (10, 20, 3),
        (-5, 5, 0.01),
        (0, 60, 1),
        (0, 1, 0.3),
        (0, 100, 100),
        (2.5, 97.5, 0.1),
    ];

    /// <summary>A deterministic terminal: approved strictly below the threshold, timeout from it on.</summary>
    private static Func<double, CancellationToken, Task<TrialOutcome>> Monotone(double threshold) =>
        (parameter, _) => Task.FromResult(parameter < threshold ? TrialOutcome.Approved : TrialOutcome.Timeout);

    private static int Bound(double low, double high, double resolution) =>
        (int)Math.Ceiling(Math.Log2((high - low) / resolution) - 1e-12) + 2;

    [Test]
    public async Task Finds_every_threshold_inside_the_range_within_the_trial_bound()
    {
        foreach (var (low, high, resolution) in Ranges)
        {
            foreach (var threshold in ThresholdsInside(low, high))
            {
                var result = await new BisectionSearch(low, high, resolution).RunAsync(Monotone(threshold));

                var context = $"range [{low}, {high}] resolution {resolution} threshold {threshold}";
                Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found), context);
                Assert.That(result.LastApproved, Is.LessThan(threshold), context);
                Assert.That(result.FirstTimeout, Is.GreaterThanOrEqualTo(threshold), context);
                Assert.That(result.BracketWidth, Is.LessThanOrEqualTo(resolution * (1 + 1e-9)), context);
                Assert.That(result.Threshold, Is.EqualTo((result.LastApproved!.Value + result.FirstTimeout!.Value) / 2).Within(1e-12), context);
                Assert.That(Math.Abs(result.Threshold!.Value - threshold), Is.LessThanOrEqualTo(resolution), context);
                Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(Bound(low, high, resolution)), context);
                Assert.That(result.Trials, Has.Count.EqualTo(result.TrialsUsed), context);
                Assert.That(result.RigFaults, Is.Zero, context);
            }
        }
    }

    [Test]
    public void Halvings_is_the_ceiling_of_log2_of_range_over_resolution()
    {
        foreach (var (low, high, resolution) in Ranges)
        {
            var search = new BisectionSearch(low, high, resolution);
            Assert.That(search.MaximumTrials, Is.EqualTo(Bound(low, high, resolution)), $"[{low}, {high}] / {resolution}");
        }

        Assert.That(BisectionSearch.HalvingsNeeded(120, 0.25), Is.EqualTo(9));
        Assert.That(BisectionSearch.HalvingsNeeded(1, 0.125), Is.EqualTo(3));
        Assert.That(BisectionSearch.HalvingsNeeded(1, 2), Is.Zero);
    }

    [Test]
    public async Task Does_not_check_the_endpoints_when_bisection_saw_both_outcomes()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync(Monotone(61.1));

        Assert.That(result.Trials.Select(trial => trial.Parameter), Does.Not.Contain(0.0).And.Not.Contain(120.0));
        Assert.That(result.Trials[0].Parameter, Is.EqualTo(60));
        Assert.That(result.TrialsUsed, Is.EqualTo(9));
    }

    [Test]
    public async Task Checks_the_lower_endpoint_only_when_every_bisection_trial_timed_out()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync(Monotone(0.1));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.Trials[^1], Is.EqualTo(new SearchTrial(10, 0, TrialOutcome.Approved)));
        Assert.That(result.LastApproved, Is.EqualTo(0));
        Assert.That(result.Trials.Select(trial => trial.Parameter), Does.Not.Contain(120.0));
    }

    [Test]
    public async Task Reports_not_found_below_when_the_lower_bound_already_times_out()
    {
        foreach (var (low, high, resolution) in Ranges)
        {
            var result = await new BisectionSearch(low, high, resolution).RunAsync(Monotone(low - 1));

            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound));
            Assert.That(result.Threshold, Is.Null);
            Assert.That(result.LastApproved, Is.Null);
            Assert.That(result.FirstTimeout, Is.EqualTo(low));
            Assert.That(result.Explanation, Does.Contain("not found").And.Contain("below the range").And.Contain("lower bound"));
            Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(Bound(low, high, resolution)));
        }
    }

    [Test]
    public async Task Reports_not_found_above_when_the_upper_bound_is_still_approved()
    {
        foreach (var (low, high, resolution) in Ranges)
        {
            var result = await new BisectionSearch(low, high, resolution).RunAsync(Monotone(high + 1));

            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundApprovedAtUpperBound));
            Assert.That(result.Threshold, Is.Null);
            Assert.That(result.LastApproved, Is.EqualTo(high));
            Assert.That(result.FirstTimeout, Is.Null);
            Assert.That(result.Explanation, Does.Contain("not found").And.Contain("above the range").And.Contain("upper bound"));
            Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(Bound(low, high, resolution)));
        }
    }

    [Test]
    public async Task A_threshold_exactly_at_the_upper_bound_is_found()
    {
        var result = await new BisectionSearch(0, 8, 1).RunAsync(Monotone(8));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.FirstTimeout, Is.EqualTo(8));
        Assert.That(result.LastApproved, Is.EqualTo(7));
        Assert.That(result.Threshold, Is.EqualTo(7.5));
    }

    [Test]
    public async Task A_range_within_the_resolution_checks_both_endpoints_only()
    {
        var result = await new BisectionSearch(0, 1, 2).RunAsync(Monotone(0.4));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.Trials.Select(trial => trial.Parameter), Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(result.Threshold, Is.EqualTo(0.5));
    }

    [Test]
    public async Task A_rig_fault_is_retried_once_and_not_counted_as_a_terminal_result()
    {
        var faultedOnce = false;
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync((parameter, _) =>
        {
            if (parameter == 30 && !faultedOnce)
            {
                faultedOnce = true;
                return Task.FromResult(TrialOutcome.RigFault);
            }

            return Monotone(45)(parameter, CancellationToken.None);
        });

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.RigFaults, Is.EqualTo(1));
        Assert.That(result.TrialsUsed, Is.EqualTo(9));
        Assert.That(result.Trials, Has.Count.EqualTo(10));
        var faultIndex = result.Trials.ToList().FindIndex(trial => trial.Outcome == TrialOutcome.RigFault);
        Assert.That(result.Trials[faultIndex + 1], Is.EqualTo(new SearchTrial(faultIndex + 2, 30, TrialOutcome.Approved)));
        Assert.That(result.Threshold, Is.EqualTo(45).Within(0.25));
    }

    [Test]
    public async Task Two_rig_faults_in_a_row_abort_the_search()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync((parameter, _) =>
            Task.FromResult(parameter == 30 ? TrialOutcome.RigFault : parameter < 45 ? TrialOutcome.Approved : TrialOutcome.Timeout));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
            Assert.That(result.Threshold, Is.Null);
            Assert.That(result.RigFaults, Is.EqualTo(2));
            Assert.That(result.TrialsUsed, Is.EqualTo(1), "only the trial at 60 s gave a terminal result");
            Assert.That(result.FirstTimeout, Is.EqualTo(60));
            Assert.That(result.Explanation, Does.Contain("rig fault twice").And.Contain("30").And.Contain("not terminal results"));
            Assert.That(result.Trials.Select(trial => trial.Outcome), Is.EqualTo(new[] { TrialOutcome.Timeout, TrialOutcome.RigFault, TrialOutcome.RigFault }));
        });
    }

    [Test]
    public async Task A_rig_fault_on_an_endpoint_check_is_retried_too()
    {
        var calls = 0;
        var result = await new BisectionSearch(0, 1, 2).RunAsync((parameter, _) =>
            Task.FromResult(++calls == 1 ? TrialOutcome.RigFault : parameter < 0.5 ? TrialOutcome.Approved : TrialOutcome.Timeout));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.RigFaults, Is.EqualTo(1));
        Assert.That(result.TrialsUsed, Is.EqualTo(2));
    }

    [Test]
    public async Task A_decline_aborts_the_search_with_a_reason()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync((_, _) => Task.FromResult(TrialOutcome.Declined));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
        Assert.That(result.TrialsUsed, Is.EqualTo(1));
        Assert.That(result.Explanation, Does.Contain("Declined at 60"));
    }

    [Test]
    public async Task Non_monotone_outcomes_still_end_within_the_bound_on_an_observed_flip()
    {
        // Approved, then a timeout band, approved again, then timeouts: bisection finds one local flip.
        static TrialOutcome Banded(double parameter) => parameter switch
        {
            < 30 => TrialOutcome.Approved,
            < 50 => TrialOutcome.Timeout,
            < 90 => TrialOutcome.Approved,
            _ => TrialOutcome.Timeout,
        };

        var result = await new BisectionSearch(0, 120, 0.25).RunAsync((parameter, _) => Task.FromResult(Banded(parameter)));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(Bound(0, 120, 0.25)));
        Assert.That(result.Threshold, Is.EqualTo(90).Within(0.25));
    }

    [Test]
    public async Task Random_outcomes_end_within_the_bound_with_a_bracket_of_observed_trials()
    {
        var random = new Random(20240611);
        foreach (var (low, high, resolution) in Ranges)
        {
            for (var repetition = 0; repetition < 50; repetition++)
            {
                var result = await new BisectionSearch(low, high, resolution).RunAsync((_, _) =>
                    Task.FromResult(random.Next(2) == 0 ? TrialOutcome.Approved : TrialOutcome.Timeout));

                Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(Bound(low, high, resolution)));
                if (result.Status == ThresholdSearchStatus.Found)
                {
                    Assert.That(result.Trials, Has.Some.EqualTo(new SearchTrial(0, result.LastApproved!.Value, TrialOutcome.Approved)).Using<SearchTrial>(SameTrial));
                    Assert.That(result.Trials, Has.Some.EqualTo(new SearchTrial(0, result.FirstTimeout!.Value, TrialOutcome.Timeout)).Using<SearchTrial>(SameTrial));
                    Assert.That(result.BracketWidth, Is.LessThanOrEqualTo(resolution * (1 + 1e-9)));
                }
            }
        }
    }

    [Test]
    public void Cancellation_stops_the_search()
    {
        using var cancellation = new CancellationTokenSource();
        var search = new BisectionSearch(0, 120, 0.25);

        Assert.ThrowsAsync<OperationCanceledException>(() => search.RunAsync((_, _) =>
        {
            cancellation.Cancel();
            return Task.FromResult(TrialOutcome.Approved);
        }, cancellation.Token));
    }

    [TestCase(10, 10, 1)]
    [TestCase(10, 0, 1)]
    [TestCase(double.NaN, 1, 1)]
    [TestCase(0, double.PositiveInfinity, 1)]
    [TestCase(0, 10, 0)]
    [TestCase(0, 10, -1)]
    public void Rejects_an_invalid_range_or_resolution(double low, double high, double resolution)
    {
        Assert.That(() => new BisectionSearch(low, high, resolution), Throws.InstanceOf<ArgumentException>());
    }

    private static bool SameTrial(SearchTrial actual, SearchTrial expected) =>
        actual.Parameter == expected.Parameter && actual.Outcome == expected.Outcome;

    private static IEnumerable<double> ThresholdsInside(double low, double high)
    {
        const int steps = 97;
        for (var step = 1; step <= steps; step++)
        {
            yield return low + ((high - low) * step / steps);
        }

        // Bisection midpoints themselves are the awkward cases.
        yield return low + ((high - low) / 2);
        yield return low + ((high - low) / 4);
        yield return high;
    }
}
