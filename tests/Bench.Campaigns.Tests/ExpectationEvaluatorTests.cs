using Bench.Campaigns.Checking;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;
using Bench.Plots;

namespace Bench.Campaigns.Tests;

/// <summary>Pass, fail and marginal at the limits; the checker's money classes per experiment; moves against a baseline.</summary>
public sealed class ExpectationEvaluatorTests
{
    private static readonly ExpectationOrigin Origin = new("campaign.yaml", 12, 7, "experiments[0].expectations.threshold");

    private static readonly Expectation NominalSixtyPlusMinusTwo = new("effective-timeout", ExpectationQuantity.Threshold, 58, 62, Origin) { Nominal = 60 };

    private static ExecutedTrial Trial(double parameter, TrialOutcome outcome) => new(parameter, new TrialResult(outcome, 1, null, 0));

    // A bisection over 0 … 120 s: 60 timeout, 30 approved, 45, 52.5, 56.25 approved, then the given edge.
    private static ExperimentRun Found(double lastApproved, double firstTimeout, ExperimentDefinition? experiment = null) =>
        Run(ThresholdSearchStatus.Found, lastApproved + ((firstTimeout - lastApproved) / 2), lastApproved, firstTimeout,
            [Trial(60, TrialOutcome.Timeout), Trial(30, TrialOutcome.Approved), Trial(45, TrialOutcome.Approved), Trial(52.5, TrialOutcome.Approved),
                Trial(56.25, TrialOutcome.Approved), Trial(lastApproved, TrialOutcome.Approved), Trial(firstTimeout, TrialOutcome.RigFault), Trial(firstTimeout, TrialOutcome.Timeout)],
            experiment);

    private static ExperimentRun Run(
        ThresholdSearchStatus status, double? threshold, double? low, double? high, IReadOnlyList<ExecutedTrial> trials,
        ExperimentDefinition? experiment = null, bool probabilistic = false, string explanation = "flips")
    {
        experiment ??= SampleData.Experiment("pax-host-delay");
        var result = new ThresholdSearchResult(status, threshold, low, high, 0.25, trials.Count, 0, [], explanation)
        {
            Probabilistic = probabilistic,
            IntervalLow = low,
            IntervalHigh = high,
        };
        return new ExperimentRun(experiment, result, trials, ExperimentSummaryFactory.Create(experiment, result));
    }

    private static ExpectationVerdict Evaluate(Expectation expectation, ExperimentRun run, CheckerReport? checker = null, ExpectationBaseline? baseline = null) =>
        ExpectationEvaluator.Evaluate(expectation, run, checker, baseline);

    [Test]
    public void A_threshold_and_its_bracket_inside_the_limits_pass_and_name_the_trial_at_the_edge()
    {
        var verdict = Evaluate(NominalSixtyPlusMinusTwo, Found(59.75, 60));

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Pass));
            Assert.That(verdict.Experiment, Is.EqualTo("pax-host-delay"));
            Assert.That(verdict.Name, Is.EqualTo("effective-timeout"));
            Assert.That(verdict.Quantity, Is.EqualTo("threshold"));
            Assert.That(verdict.Unit, Is.EqualTo("s"));
            Assert.That(verdict.Measured, Is.EqualTo(59.875));
            Assert.That((verdict.Low, verdict.High), Is.EqualTo(((double?)58, (double?)62)));
            Assert.That(verdict.Detail, Is.EqualTo("threshold 59.875 s is within the limits 58 … 62 s, nominal 60 s ± 2 s, and so is its bracket [59.75, 60] s"));
            // Trials 1 (60 s) and 8 (60 s, the last edge) are equally near: the later one.
            Assert.That(verdict.TrialIndex, Is.EqualTo(8));
        });
    }

    [Test]
    public void A_bracket_that_ends_exactly_on_a_limit_still_passes()
    {
        Assert.That(Evaluate(NominalSixtyPlusMinusTwo, Found(61.75, 62)).Verdict, Is.EqualTo(ExpectationOutcome.Pass));
        Assert.That(Evaluate(NominalSixtyPlusMinusTwo, Found(58, 58.25)).Verdict, Is.EqualTo(ExpectationOutcome.Pass));
        // Bisection arithmetic may miss a limit in the last bits.
        Assert.That(Evaluate(NominalSixtyPlusMinusTwo, Found(61.75, 62 + 1e-12)).Verdict, Is.EqualTo(ExpectationOutcome.Pass));
    }

    [TestCase(61.875, 62.125, 62)]
    [TestCase(57.875, 58.125, 58)]
    [TestCase(61.999, 62.001, 62)]
    public void A_threshold_inside_whose_bracket_reaches_past_a_limit_is_marginal(double lastApproved, double firstTimeout, double limit)
    {
        var verdict = Evaluate(NominalSixtyPlusMinusTwo, Found(lastApproved, firstTimeout));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Marginal));
        Assert.That(verdict.Detail, Does.Contain($"but its bracket [{lastApproved}, {firstTimeout}] s reaches past {limit} s"));
        Assert.That(verdict.TrialIndex, Is.EqualTo(limit == 62 ? 8 : 6), "the bracket end beyond the limit");
    }

    [TestCase(62, 62.25, "above the limit 62 s")]
    [TestCase(57.5, 57.75, "below the limit 58 s")]
    [TestCase(62.001, 62.002, "above the limit 62 s")]
    public void A_threshold_outside_the_limits_fails(double lastApproved, double firstTimeout, string where)
    {
        var verdict = Evaluate(NominalSixtyPlusMinusTwo, Found(lastApproved, firstTimeout));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail));
        Assert.That(verdict.Detail, Does.Contain(where));
        Assert.That(verdict.Measured, Is.EqualTo(lastApproved + ((firstTimeout - lastApproved) / 2)));
    }

    [Test]
    public void A_failed_thresholds_trial_is_the_one_nearest_the_limit_it_broke()
    {
        // Found at 37.9 s against 58 … 62 s: the 60 s timeout (trial 1) is the evidence that the sale never lasts to 58 s.
        var run = Run(ThresholdSearchStatus.Found, 37.875, 37.75, 38,
            [Trial(60, TrialOutcome.Timeout), Trial(30, TrialOutcome.Approved), Trial(45, TrialOutcome.Timeout), Trial(37.75, TrialOutcome.Approved), Trial(38, TrialOutcome.Timeout)]);

        var verdict = Evaluate(NominalSixtyPlusMinusTwo, run);

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail));
        Assert.That(verdict.TrialIndex, Is.EqualTo(1));
    }

    [Test]
    public void A_min_only_limit_has_no_upper_side()
    {
        var s10 = new Expectation("threshold", ExpectationQuantity.Threshold, 1.35, null, Origin);

        var verdict = Evaluate(s10, Found(1.359375, 1.40625));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Pass));
        Assert.That(verdict.High, Is.Null);
        Assert.That(verdict.Detail, Does.Contain("is within the limits ≥ 1.35 s, and so is its bracket [1.359, 1.406] s"));
    }

    [Test]
    public void A_probabilistic_threshold_is_held_to_its_95_percent_interval()
    {
        var experiment = SampleData.Experiment("load") with { Kind = ExperimentKinds.HostBackgroundLoad, SearchMethod = SearchMethod.Staircase };
        var run = Run(ThresholdSearchStatus.Found, 25, 15.5, 30, [Trial(20, TrialOutcome.Approved), Trial(30, TrialOutcome.Timeout), Trial(25, TrialOutcome.Timeout)],
            experiment, probabilistic: true);

        var verdict = Evaluate(new Expectation("capacity", ExpectationQuantity.Threshold, 16, null, Origin), run);

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Marginal));
        Assert.That(verdict.Unit, Is.EqualTo("tx/s"));
        Assert.That(verdict.Detail, Is.EqualTo("threshold 25 tx/s is within the limits ≥ 16 tx/s, but its 95 % interval [15.5, 30] tx/s reaches past 16 tx/s"));
    }

    [TestCase(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, "threshold not found: above the range", "threshold not found: above the range")]
    [TestCase(ThresholdSearchStatus.Aborted, "aborted after 2 invalid trials in a row", "threshold not found: aborted after 2 invalid trials in a row")]
    public void A_threshold_not_found_fails_every_threshold_expectation_with_the_reason(ThresholdSearchStatus status, string explanation, string detail)
    {
        var run = Run(status, null, 120, null, [Trial(60, TrialOutcome.Approved), Trial(120, TrialOutcome.Approved), Trial(120, TrialOutcome.RigFault)], explanation: explanation);

        foreach (var expectation in new[] { NominalSixtyPlusMinusTwo, new Expectation("thresholdFound", ExpectationQuantity.ThresholdFound, null, null, Origin) })
        {
            var verdict = Evaluate(expectation, run);

            Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail), expectation.Name);
            Assert.That(verdict.Measured, Is.Null, expectation.Name);
            Assert.That(verdict.Detail, Is.EqualTo(detail), expectation.Name);
            Assert.That(verdict.TrialIndex, Is.EqualTo(2), "the last trial with a terminal result");
        }
    }

    [Test]
    public void Threshold_found_false_passes_when_no_flip_was_found_and_fails_on_one()
    {
        var expectNone = new Expectation("thresholdFound", ExpectationQuantity.ThresholdFound, 0, 0, Origin);
        var neverApproved = Run(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, null, null, 0,
            [Trial(22.5, TrialOutcome.Timeout), Trial(0, TrialOutcome.Timeout)], explanation: "threshold not found: below the range");

        var none = Evaluate(expectNone, neverApproved);
        var found = Evaluate(expectNone, Found(29.75, 30));

        Assert.That(expectNone.ExpectsNoThreshold, Is.True);
        Assert.That((none.Verdict, none.Measured), Is.EqualTo((ExpectationOutcome.Pass, (double?)null)));
        Assert.That(none.Detail, Does.StartWith("no threshold, as expected: "));
        Assert.That((found.Verdict, found.Measured), Is.EqualTo((ExpectationOutcome.Fail, (double?)29.875)));
        Assert.That(found.Detail, Does.StartWith("a threshold was found at 29.875 s where none was expected"));
    }

    [Test]
    public void Threshold_found_passes_with_the_threshold_as_its_measurement()
    {
        var verdict = Evaluate(new Expectation("thresholdFound", ExpectationQuantity.ThresholdFound, null, null, Origin), Found(29.75, 30));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Pass));
        Assert.That(verdict.Measured, Is.EqualTo(29.875));
        Assert.That((verdict.Low, verdict.High), Is.EqualTo(((double?)null, (double?)null)));
    }

    private static TransactionVerdict Transaction(string ledgerKey, TransactionClass transactionClass, string experiment, int trialIndex, long invoked) =>
        new(ledgerKey, transactionClass, TransactionRole.Trial, new TrialReference(trialIndex, experiment, trialIndex, 60), 100, OperationOutcome.Unknown,
            "TIMEOUT", 100, 100, 3, $"{transactionClass} at {ledgerKey}")
        {
            InvokedNanoseconds = invoked,
        };

    private static CheckerReport Checker(params TransactionVerdict[] transactions) => new(transactions, [], [], new Conservation(0, 0));

    [Test]
    public void Money_classes_count_only_the_experiments_own_terminals_transactions()
    {
        var checker = Checker(
            Transaction("10000001/000001/000009", TransactionClass.OrphanDebit, "pax-host-delay", 5, invoked: 900),
            Transaction("10000001/000001/000004", TransactionClass.OrphanDebit, "pax-host-delay", 3, invoked: 400),
            Transaction("10000001/000001/000005", TransactionClass.Clean, "pax-host-delay", 4, invoked: 500),
            // Another experiment's, and a background-load terminal's in this experiment's trial: not this experiment's terminal.
            Transaction("10000001/000001/000001", TransactionClass.OrphanDebit, "other", 1, invoked: 100),
            Transaction("LOAD0001/000001/000002", TransactionClass.OrphanDebit, "pax-host-delay", 2, invoked: 200));
        var noOrphanDebit = new Expectation("noOrphanDebit", ExpectationQuantity.TransactionsOf(TransactionClass.OrphanDebit), null, 0, Origin);

        var verdict = Evaluate(noOrphanDebit, Found(59.75, 60), checker);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail));
            Assert.That(verdict.Quantity, Is.EqualTo("orphanDebit"));
            Assert.That(verdict.Unit, Is.EqualTo("transactions"));
            Assert.That(verdict.Measured, Is.EqualTo(2));
            Assert.That(verdict.TrialIndex, Is.EqualTo(3), "the first orphan debit's trial");
            Assert.That(verdict.Detail, Does.StartWith("2 orphanDebit transaction(s) in this experiment's trials (none allowed); first: 10000001/000001/000004"));
        });
    }

    [Test]
    public void No_money_class_passes_with_a_count_of_zero_and_no_trial()
    {
        var checker = Checker(Transaction("10000001/000001/000005", TransactionClass.Compensated, "pax-host-delay", 4, invoked: 500));

        var verdict = Evaluate(new Expectation("noOrphanDebit", ExpectationQuantity.TransactionsOf(TransactionClass.OrphanDebit), null, 0, Origin), Found(59.75, 60), checker);

        Assert.That((verdict.Verdict, verdict.Measured, verdict.TrialIndex), Is.EqualTo((ExpectationOutcome.Pass, (double?)0, (int?)null)));
    }

    [Test]
    public void A_minimum_count_expects_a_bug_to_show()
    {
        var bugShows = new Expectation("bug-shows", ExpectationQuantity.TransactionsOf(TransactionClass.OrphanDebit), 1, null, Origin);

        var missing = Evaluate(bugShows, Found(59.75, 60), Checker());
        var shown = Evaluate(bugShows, Found(59.75, 60), Checker(Transaction("10000001/000001/000004", TransactionClass.OrphanDebit, "pax-host-delay", 3, invoked: 400)));

        Assert.That((missing.Verdict, missing.TrialIndex), Is.EqualTo((ExpectationOutcome.Fail, (int?)null)));
        Assert.That(missing.Detail, Does.Contain("(at least 1 expected)"));
        Assert.That(shown.Verdict, Is.EqualTo(ExpectationOutcome.Pass));
    }

    [Test]
    public void Protocol_violations_are_counted_per_broken_expectation()
    {
        var broken = Transaction("10000001/000001/000004", TransactionClass.Compensated, "pax-host-delay", 6, invoked: 400) with
        {
            ProtocolViolations = [ProtocolExpectations.WrongReversalReason, ProtocolExpectations.SaleBeforeReversal],
        };

        var verdict = Evaluate(new Expectation("noProtocolViolations", ExpectationQuantity.ProtocolViolations, null, 0, Origin), Found(59.75, 60), Checker(broken));

        Assert.That((verdict.Verdict, verdict.Measured, verdict.TrialIndex, verdict.Unit), Is.EqualTo((ExpectationOutcome.Fail, (double?)2, (int?)6, "violations")));
        Assert.That(verdict.Detail, Does.Contain("first: wrongReversalReason, saleBeforeReversal on 10000001/000001/000004"));
    }

    [Test]
    public void Money_expectations_fail_without_a_checker()
    {
        var verdict = Evaluate(new Expectation("noOrphanDebit", ExpectationQuantity.TransactionsOf(TransactionClass.OrphanDebit), null, 0, Origin), Found(59.75, 60));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail));
        Assert.That(verdict.Detail, Does.Contain("no lost-money checker"));
    }

    private static readonly Expectation HalfSecondMove = new("maxMoveFromBaseline", ExpectationQuantity.MoveFromBaseline, -0.5, 0.5, Origin);

    private static ExpectationBaseline Baseline(double? threshold, double? low, double? high) =>
        new("baseline/summary.json", "base-run", [new BaselineThreshold("pax-host-delay", "s", threshold, low, high, threshold is null ? "notFoundApprovedAtUpperBound" : "found")]);

    [Test]
    public void A_move_within_the_allowance_intervals_included_passes()
    {
        var verdict = Evaluate(HalfSecondMove, Found(59.75, 60), baseline: Baseline(59.625, 59.5, 59.75));

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Pass));
            Assert.That(verdict.Quantity, Is.EqualTo("moveFromBaseline"));
            Assert.That(verdict.Measured, Is.EqualTo(0.25));
            Assert.That((verdict.Low, verdict.High), Is.EqualTo(((double?)-0.5, (double?)0.5)));
            Assert.That(verdict.Detail, Is.EqualTo("threshold 59.875 s against 59.625 s in baseline run base-run: moved +0.25 s, within ±0.5 s (intervals included)"));
        });
    }

    [Test]
    public void A_move_within_the_allowance_whose_intervals_allow_more_is_marginal()
    {
        // Midpoints 0.375 s apart; the brackets' far ends 0.625 s apart.
        var verdict = Evaluate(HalfSecondMove, Found(59.75, 60), baseline: Baseline(59.5, 59.375, 59.625));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Marginal));
        Assert.That(verdict.Measured, Is.EqualTo(0.375));
        Assert.That(verdict.Detail, Does.Contain("the two runs' intervals allow a move of up to 0.625 s"));
    }

    [TestCase(60.5, -0.625)]
    [TestCase(59.25, 0.625)]
    public void A_move_beyond_the_allowance_either_way_fails(double baselineThreshold, double move)
    {
        var verdict = Evaluate(HalfSecondMove, Found(59.75, 60), baseline: Baseline(baselineThreshold, baselineThreshold - 0.125, baselineThreshold + 0.125));

        Assert.That(verdict.Verdict, Is.EqualTo(ExpectationOutcome.Fail));
        Assert.That(verdict.Measured, Is.EqualTo(move));
        Assert.That(verdict.Detail, Does.Contain("more than the ±0.5 s allowed"));
    }

    [Test]
    public void A_move_cannot_be_judged_without_both_thresholds()
    {
        var noBaselineThreshold = Evaluate(HalfSecondMove, Found(59.75, 60), baseline: Baseline(null, null, null));
        var noBaseline = Evaluate(HalfSecondMove, Found(59.75, 60));
        var notFoundNow = Evaluate(HalfSecondMove, Run(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, null, 120, null, [Trial(120, TrialOutcome.Approved)],
            explanation: "threshold not found: above the range"), baseline: Baseline(59.5, 59.375, 59.625));

        Assert.That(new[] { noBaselineThreshold, noBaseline, notFoundNow }.Select(verdict => verdict.Verdict), Has.All.EqualTo(ExpectationOutcome.Fail));
        Assert.That(noBaselineThreshold.Detail, Does.Contain("found no threshold for it"));
        Assert.That(noBaseline.Detail, Does.Contain("no baseline run was given"));
        Assert.That(notFoundNow.Detail, Is.EqualTo("threshold not found: above the range; the baseline run base-run had 59.5 s"));
        Assert.That(notFoundNow.Measured, Is.Null);
    }

    [Test]
    public void Evaluates_every_experiments_expectations_in_campaign_order()
    {
        var first = SampleData.Experiment("first") with { Expectations = [NominalSixtyPlusMinusTwo, new Expectation("thresholdFound", ExpectationQuantity.ThresholdFound, null, null, Origin)] };
        var second = SampleData.Experiment("second") with { Expectations = [new Expectation("threshold", ExpectationQuantity.Threshold, 10, 20, Origin)] };
        var none = SampleData.Experiment("none");

        var verdicts = ExpectationEvaluator.Evaluate([Found(59.75, 60, first), Found(59.75, 60, none), Found(59.75, 60, second)], Checker(), baseline: null);

        Assert.That(verdicts.Select(verdict => (verdict.Experiment, verdict.Name, verdict.Verdict)), Is.EqualTo(new[]
        {
            ("first", "effective-timeout", ExpectationOutcome.Pass),
            ("first", "thresholdFound", ExpectationOutcome.Pass),
            ("second", "threshold", ExpectationOutcome.Fail),
        }));
    }
}
