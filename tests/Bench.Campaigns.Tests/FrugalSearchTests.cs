using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests;

public sealed class FrugalSearchTests
{
    /// <summary>A deterministic terminal: approved below <paramref name="threshold"/>, timeout from it on; every trial is recorded.</summary>
    private static Func<double, CancellationToken, Task<TrialObservation>> Terminal(double threshold, List<double> parameters) =>
        (parameter, _) =>
        {
            parameters.Add(parameter);
            return Task.FromResult(new TrialObservation(parameter < threshold ? TrialOutcome.Approved : TrialOutcome.Timeout));
        };

    [TestCase(60.0, 60.0)]
    [TestCase(30.1, 30.0)]
    [TestCase(0.1, 0.0)]
    [TestCase(119.9, 120.0)]
    public async Task A_right_prediction_costs_the_two_bracketing_trials_and_one_confirmation_at_each_end(double threshold, double prediction)
    {
        var parameters = new List<double>();
        var result = await new FrugalSearch(0, 120, 0.25, prediction).RunAsync(Terminal(threshold, parameters));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found), result.Explanation);
            Assert.That(result.TrialsUsed, Is.EqualTo(4));
            Assert.That(result.BracketWidth, Is.LessThanOrEqualTo(0.25));
            Assert.That(result.LastApproved, Is.LessThan(threshold));
            Assert.That(result.FirstTimeout, Is.GreaterThanOrEqualTo(threshold));
            Assert.That(result.SearchMethod, Is.EqualTo("frugal"));
            // The last two trials repeat the bracket's ends.
            Assert.That(parameters.TakeLast(2), Is.EquivalentTo(new[] { result.LastApproved!.Value, result.FirstTimeout!.Value }));
            Assert.That(result.Explanation, Does.Contain("confirmed"));
        });
    }

    [Test]
    public async Task Without_confirmations_a_right_prediction_costs_two_trials_the_cheap_one_first()
    {
        var parameters = new List<double>();
        var result = await new FrugalSearch(0, 120, 0.25, 90, confirmationTrials: 0).RunAsync(Terminal(90, parameters));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(parameters, Is.EqualTo(new[] { 89.875, 90.125 }));
    }

    [Test]
    public async Task A_prediction_one_resolution_off_costs_one_galloping_trial_more()
    {
        var parameters = new List<double>();
        var result = await new FrugalSearch(0, 120, 0.25, 59.7, confirmationTrials: 0).RunAsync(Terminal(60, parameters));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(result.Threshold, Is.EqualTo(60).Within(0.125));
            Assert.That(result.TrialsUsed, Is.EqualTo(3), string.Join(", ", parameters));
        });
    }

    [Test]
    public async Task A_wrong_prediction_never_costs_more_than_the_bisection_bound_plus_two_and_finds_the_threshold()
    {
        var bisectionBound = new BisectionSearch(0, 120, 0.25).MaximumTrials;
        var random = new Random(7);
        for (var run = 0; run < 300; run++)
        {
            var threshold = 0.3 + (random.NextDouble() * 119.4);
            var prediction = (random.NextDouble() * 160) - 20;
            var search = new FrugalSearch(0, 120, 0.25, prediction);
            var result = await search.RunAsync(Terminal(threshold, []));
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found), $"threshold {threshold}, prediction {prediction}: {result.Explanation}");
            Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(bisectionBound + 2), $"threshold {threshold}, prediction {prediction}");
            Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(search.MaximumTrials));
            Assert.That(result.Threshold!.Value, Is.EqualTo(threshold).Within(0.125 + 1e-9));
        }
    }

    [Test]
    public async Task A_prediction_above_the_range_is_checked_at_the_upper_bound_first()
    {
        var parameters = new List<double>();
        var result = await new FrugalSearch(0, 120, 0.25, 150).RunAsync(Terminal(150, parameters));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundApprovedAtUpperBound));
            Assert.That(parameters, Is.EqualTo(new[] { 120.0 }));
            Assert.That(result.Threshold, Is.Null);
        });
    }

    [Test]
    public async Task A_prediction_below_the_range_when_the_flip_is_in_range_still_finds_it()
    {
        var result = await new FrugalSearch(10, 120, 0.25, 5).RunAsync(Terminal(40, []));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
        Assert.That(result.Threshold, Is.EqualTo(40).Within(0.125));
        Assert.That(result.TrialsUsed, Is.LessThanOrEqualTo(new BisectionSearch(10, 120, 0.25).MaximumTrials + 2));
    }

    [Test]
    public async Task A_terminal_already_timing_out_at_the_lower_bound_is_reported_below_the_range()
    {
        var result = await new FrugalSearch(10, 120, 0.25, 60).RunAsync(Terminal(5, []));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound));
        Assert.That(result.Trials[^1].Parameter, Is.EqualTo(10));
    }

    [Test]
    public async Task A_confirmation_that_disagrees_is_reported_as_contradicted()
    {
        // The approved end times out when tried again: a noisy terminal, not a deterministic flip.
        var calls = new Dictionary<double, int>();
        var result = await new FrugalSearch(0, 120, 0.25, 60).RunAsync((parameter, _) =>
        {
            calls[parameter] = calls.GetValueOrDefault(parameter) + 1;
            var approved = parameter < 60 && !(parameter == 59.875 && calls[parameter] == 2);
            return Task.FromResult(new TrialObservation(approved ? TrialOutcome.Approved : TrialOutcome.Timeout));
        });
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Contradicted));
            Assert.That(result.Threshold, Is.Null);
            Assert.That(result.LastApproved, Is.EqualTo(59.875));
            Assert.That(result.FirstTimeout, Is.EqualTo(60.125));
            Assert.That(result.TrialsUsed, Is.EqualTo(3), "the second confirmation is not spent once the first contradicts");
            Assert.That(result.Explanation, Does.Contain("confirmation contradicted").And.Contain("59.875").And.Contain("not deterministic"));
        });
    }

    [Test]
    public async Task Invalid_trials_are_repeated_and_abort_at_the_limit()
    {
        var calls = 0;
        var recovered = await new FrugalSearch(0, 120, 0.25, 60).RunAsync((parameter, _) => Task.FromResult(
            ++calls == 1 ? new TrialObservation(TrialOutcome.Invalid, "firmware fault: flash I/O error")
                : new TrialObservation(parameter < 60 ? TrialOutcome.Approved : TrialOutcome.Timeout)));
        Assert.Multiple(() =>
        {
            Assert.That(recovered.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(recovered.TrialsUsed, Is.EqualTo(4));
            Assert.That(recovered.RigFaults, Is.EqualTo(1));
            Assert.That(recovered.Trials[0].Parameter, Is.EqualTo(recovered.Trials[1].Parameter), "repeated at the same parameter");
        });

        var aborted = await new FrugalSearch(0, 120, 0.25, 60, invalidTrialLimit: 3).RunAsync((_, _) =>
            Task.FromResult(new TrialObservation(TrialOutcome.RigFault, "relay read-back disagreed")));
        Assert.Multiple(() =>
        {
            Assert.That(aborted.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
            Assert.That(aborted.AbortedByInvalidTrials, Is.True);
            Assert.That(aborted.Trials, Has.Count.EqualTo(3));
            Assert.That(aborted.Explanation, Does.Contain("rig fault 3 times in a row").And.Contain("relay read-back disagreed"));
        });
    }

    [Test]
    public async Task A_decline_aborts_with_a_reason()
    {
        var result = await new FrugalSearch(0, 120, 0.25, 60).RunAsync((_, _) => Task.FromResult(new TrialObservation(TrialOutcome.Declined)));
        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
        Assert.That(result.AbortedByInvalidTrials, Is.False);
        Assert.That(result.Explanation, Does.Contain("Declined at 59.875"));
    }

    [Test]
    public async Task A_mirrored_kind_is_searched_on_mirrored_outcomes_with_its_cheap_side_above()
    {
        // Approved above 2.5 s (a power cut that late finds the result shown), lost below: the prediction is not moved,
        // the outcomes are, and the really approved trials (above) are the cheap ones.
        var parameters = new List<double>();
        var search = new FrugalSearch(0, 10, 0.1, 2.5, cheapSide: CheapSide.Above);
        var mirrored = await search.RunAsync((parameter, _) =>
        {
            parameters.Add(parameter);
            var real = parameter >= 2.5 ? TrialOutcome.Approved : TrialOutcome.Timeout;
            return Task.FromResult(new TrialObservation(InvertedFlip.Mirror(real)));
        });
        var result = InvertedFlip.Restore(mirrored);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(result.Threshold, Is.EqualTo(2.5).Within(0.05));
            Assert.That(result.TrialsUsed, Is.EqualTo(4));
            Assert.That(parameters[0], Is.EqualTo(2.55).Within(1e-9), "the really approved side first");
            Assert.That(result.Explanation, Does.Contain("(timeout) and").And.Contain("(approved)"));
        });
    }

    [Test]
    public void Cancellation_stops_the_search()
    {
        using var cancellation = new CancellationTokenSource();
        Assert.ThrowsAsync<OperationCanceledException>(() => new FrugalSearch(0, 120, 0.25, 60).RunAsync((_, _) =>
        {
            cancellation.Cancel();
            return Task.FromResult(new TrialObservation(TrialOutcome.Approved));
        }, cancellation.Token));
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FrugalSearch(0, 120, 0.25, 60, confirmationTrials: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FrugalSearch(0, 120, 0.25, double.NaN));
        Assert.Throws<ArgumentException>(() => _ = new FrugalSearch(5, 5, 0.25, 60));
    }
}
