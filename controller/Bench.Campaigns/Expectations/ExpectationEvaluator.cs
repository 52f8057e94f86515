using System.Globalization;
using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Expectations;

/// <summary>
/// Evaluates each experiment's expectations once the run has ended and its checker has judged the money. Limits are
/// inclusive. A measurement outside them fails; inside them but with its own interval (a deterministic flip's
/// bracket, a noisy one's 95 % interval) reaching past one, it is marginal; a threshold not found fails.
/// </summary>
public static class ExpectationEvaluator
{
    // Bisection halves the range: a bracket end meant to sit on a limit may miss it in the last bits.
    private const double RelativeSlack = 1e-9;

    private const int MaximumStoryLength = 240;

    /// <summary>Every expectation of every experiment, in campaign order.</summary>
    /// <param name="checker">The checker's report; null when the run had none (money expectations then fail).</param>
    /// <param name="baseline">The baseline run for <c>maxMoveFromBaseline</c>; null when none was given.</param>
    public static IReadOnlyList<ExpectationVerdict> Evaluate(IReadOnlyList<ExperimentRun> runs, CheckerReport? checker, ExpectationBaseline? baseline)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.SelectMany(run => run.Experiment.Expectations.Select(expectation => Evaluate(expectation, run, checker, baseline))).ToList();
    }

    public static ExpectationVerdict Evaluate(Expectation expectation, ExperimentRun run, CheckerReport? checker, ExpectationBaseline? baseline)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(run);
        var experiment = run.Experiment;
        var unit = expectation.Quantity.UnitFor(experiment.Kind);
        var verdict = new ExpectationVerdict(
            experiment.Name, expectation.Name, expectation.Quantity.Name, unit, null, expectation.Low, expectation.High, ExpectationOutcome.Fail, "", null);
        return expectation.Quantity.Kind switch
        {
            ExpectationQuantityKind.Threshold => Threshold(verdict, expectation, run),
            ExpectationQuantityKind.ThresholdFound => expectation.ExpectsNoThreshold ? NoThresholdFound(verdict, run) : ThresholdFound(verdict, run),
            ExpectationQuantityKind.MoveFromBaseline => MoveFromBaseline(verdict, run, baseline),
            ExpectationQuantityKind.TransactionCount => TransactionCount(verdict, expectation.Quantity.TransactionClass!.Value, run, checker),
            _ => ProtocolViolations(verdict, run, checker),
        };
    }

    private static ExpectationVerdict Threshold(ExpectationVerdict verdict, Expectation expectation, ExperimentRun run)
    {
        var summary = run.Summary;
        var unit = verdict.Unit;
        if (NotFound(run) is { } notFound)
        {
            return verdict with { Detail = notFound, TrialIndex = LastDataPoint(run) };
        }

        var threshold = summary.Threshold!.Value;
        var limits = LimitsText(expectation, unit);
        var intervalName = summary.Probabilistic ? "95 % interval" : "bracket";
        var interval = $"{intervalName} {IntervalText(summary.IntervalLow, summary.IntervalHigh, unit)}";
        if (Below(threshold, expectation.Low) || Above(threshold, expectation.High))
        {
            var limit = Below(threshold, expectation.Low) ? expectation.Low!.Value : expectation.High!.Value;
            var side = Below(threshold, expectation.Low) ? "below" : "above";
            return verdict with
            {
                Measured = threshold,
                Detail = $"threshold {Quantity(threshold, unit)} is {side} the limit {Quantity(limit, unit)} (limits {limits}; {interval})",
                TrialIndex = TrialNearest(run, limit),
            };
        }

        // The limit the interval reaches past, and the interval's end beyond it (whose trial is the telling one).
        var reached = (summary.IntervalLow, summary.IntervalHigh) switch
        {
            ({ } low, _) when Below(low, expectation.Low) => (Limit: expectation.Low!.Value, End: low),
            (_, { } high) when Above(high, expectation.High) => (Limit: expectation.High!.Value, End: high),
            _ => ((double Limit, double End)?)null,
        };
        if (reached is { } past)
        {
            return verdict with
            {
                Measured = threshold,
                Verdict = ExpectationOutcome.Marginal,
                Detail = $"threshold {Quantity(threshold, unit)} is within the limits {limits}, but its {interval} reaches past {Quantity(past.Limit, unit)}",
                TrialIndex = TrialNearest(run, past.End),
            };
        }

        return verdict with
        {
            Measured = threshold,
            Verdict = ExpectationOutcome.Pass,
            Detail = $"threshold {Quantity(threshold, unit)} is within the limits {limits}, and so is its {interval}",
            TrialIndex = TrialNearest(run, threshold),
        };
    }

    private static ExpectationVerdict ThresholdFound(ExpectationVerdict verdict, ExperimentRun run)
    {
        if (NotFound(run) is { } notFound)
        {
            return verdict with { Detail = notFound, TrialIndex = LastDataPoint(run) };
        }

        var threshold = run.Summary.Threshold!.Value;
        return verdict with
        {
            Measured = threshold,
            Verdict = ExpectationOutcome.Pass,
            Detail = $"threshold found at {Quantity(threshold, verdict.Unit)}: {run.Summary.Explanation}",
            TrialIndex = TrialNearest(run, threshold),
        };
    }

    /// <summary><c>thresholdFound: false</c>: a reproduction whose correct terminal never flips (it refuses the sale at every value).</summary>
    private static ExpectationVerdict NoThresholdFound(ExpectationVerdict verdict, ExperimentRun run)
    {
        if (NotFound(run) is { } notFound)
        {
            return verdict with { Verdict = ExpectationOutcome.Pass, Detail = "no threshold, as expected: " + notFound, TrialIndex = LastDataPoint(run) };
        }

        var threshold = run.Summary.Threshold!.Value;
        return verdict with
        {
            Measured = threshold,
            Detail = $"a threshold was found at {Quantity(threshold, verdict.Unit)} where none was expected: {run.Summary.Explanation}",
            TrialIndex = TrialNearest(run, threshold),
        };
    }

    private static ExpectationVerdict MoveFromBaseline(ExpectationVerdict verdict, ExperimentRun run, ExpectationBaseline? baseline)
    {
        var unit = verdict.Unit;
        var allowed = verdict.High!.Value;
        if (baseline is null)
        {
            return verdict with { Detail = "no baseline run was given (campaign key baseline: or bench run --baseline FILE)" };
        }

        if (baseline.Find(run.Experiment.Name) is not { } recorded)
        {
            return verdict with { Detail = $"the baseline run {baseline.RunId} has no experiment '{run.Experiment.Name}'" };
        }

        if (recorded.Threshold is not { } before)
        {
            return verdict with { Detail = $"the baseline run {baseline.RunId} found no threshold for it ({recorded.Status}): nothing to compare with" };
        }

        if (NotFound(run) is { } notFound)
        {
            return verdict with { Detail = $"{notFound}; the baseline run {baseline.RunId} had {Quantity(before, unit)}", TrialIndex = LastDataPoint(run) };
        }

        var summary = run.Summary;
        var now = summary.Threshold!.Value;
        var move = now - before;
        var comparison = $"threshold {Quantity(now, unit)} against {Quantity(before, unit)} in baseline run {baseline.RunId}: moved {SignedQuantity(move, unit)}";
        if (Above(Math.Abs(move), allowed))
        {
            return verdict with
            {
                Measured = move,
                Detail = $"{comparison}, more than the ±{Quantity(allowed, unit)} allowed",
                TrialIndex = TrialNearest(run, now),
            };
        }

        // The largest move both runs' intervals allow: the bracket ends farthest apart.
        var worstMove = Math.Max(
            Math.Abs((summary.IntervalHigh ?? now) - (recorded.IntervalLow ?? before)),
            Math.Abs((summary.IntervalLow ?? now) - (recorded.IntervalHigh ?? before)));
        if (Above(worstMove, allowed))
        {
            return verdict with
            {
                Measured = move,
                Verdict = ExpectationOutcome.Marginal,
                Detail = $"{comparison}, within ±{Quantity(allowed, unit)}, but the two runs' intervals allow a move of up to {Quantity(worstMove, unit)}",
                TrialIndex = TrialNearest(run, now),
            };
        }

        return verdict with
        {
            Measured = move,
            Verdict = ExpectationOutcome.Pass,
            Detail = $"{comparison}, within ±{Quantity(allowed, unit)} (intervals included)",
            TrialIndex = TrialNearest(run, now),
        };
    }

    private static ExpectationVerdict TransactionCount(ExpectationVerdict verdict, TransactionClass transactionClass, ExperimentRun run, CheckerReport? checker)
    {
        if (checker is null)
        {
            return verdict with { Detail = "the run had no lost-money checker: no transaction was judged" };
        }

        var className = MoneyChecker.ClassName(transactionClass);
        var matching = TransactionsOf(run, checker).Where(transaction => transaction.Class == transactionClass).ToList();
        return Count(verdict, matching.Count, $"{className} transaction(s)", matching.FirstOrDefault() is { } first ? (first.Trial?.Index, $"first: {first.LedgerKey}, {Brief(first.WhatHappened)}") : null);
    }

    private static ExpectationVerdict ProtocolViolations(ExpectationVerdict verdict, ExperimentRun run, CheckerReport? checker)
    {
        if (checker is null)
        {
            return verdict with { Detail = "the run had no lost-money checker: no reversal was checked" };
        }

        var broken = TransactionsOf(run, checker).Where(transaction => transaction.ProtocolViolations.Count > 0).ToList();
        var count = broken.Sum(transaction => transaction.ProtocolViolations.Count);
        return Count(verdict, count, "protocol violation(s)", broken.FirstOrDefault() is { } first
            ? (first.Trial?.Index, $"first: {string.Join(", ", first.ProtocolViolations)} on {first.LedgerKey}, {Brief(first.WhatHappened)}")
            : null);
    }

    /// <param name="first">The first counted item's trial and description; null when none was counted.</param>
    private static ExpectationVerdict Count(ExpectationVerdict verdict, int count, string what, (int? TrialIndex, string Text)? first)
    {
        var limits = (verdict.Low, verdict.High) switch
        {
            (null, 0) => "none allowed",
            ({ } low, { } high) when low == high => Invariant($"exactly {low} expected"),
            ({ } low, { } high) => Invariant($"{low} to {high} expected"),
            ({ } low, null) => Invariant($"at least {low} expected"),
            (null, { } high) => Invariant($"at most {high} allowed"),
            _ => "no limit",
        };
        var measured = Invariant($"{count} {what} in this experiment's trials ({limits})");
        var firstText = first is { } item ? $"; {item.Text}" : "";
        if (Below(count, verdict.Low) || Above(count, verdict.High))
        {
            return verdict with { Measured = count, Detail = measured + firstText, TrialIndex = Above(count, verdict.High) ? first?.TrialIndex : null };
        }

        return verdict with { Measured = count, Verdict = ExpectationOutcome.Pass, Detail = measured };
    }

    /// <summary>
    /// The transactions the experiment's terminal made in its trials (flush sales included), first invoked first. The
    /// background-load terminals of a peak-hour trial are the bench's own load, not the terminal under test.
    /// </summary>
    private static IEnumerable<TransactionVerdict> TransactionsOf(ExperimentRun run, CheckerReport checker) =>
        checker.Transactions
            .Where(transaction => string.Equals(transaction.Trial?.Experiment, run.Experiment.Name, StringComparison.Ordinal)
                && transaction.LedgerKey.StartsWith(run.Experiment.Terminal.TerminalId + "/", StringComparison.Ordinal))
            .OrderBy(transaction => transaction.InvokedNanoseconds);

    /// <summary>Why there is no threshold to hold against the limits; null when one was found.</summary>
    private static string? NotFound(ExperimentRun run) =>
        run.Summary.Status == ThresholdSearchStatus.Found && run.Summary.Threshold is not null
            ? null
            : run.Summary.Explanation.StartsWith("threshold not found", StringComparison.Ordinal)
                ? run.Summary.Explanation
                : $"threshold not found: {run.Summary.Explanation}";

    /// <summary>The 1-based index of the data-point trial run nearest <paramref name="value"/> (the later one on a tie); null without one.</summary>
    private static int? TrialNearest(ExperimentRun run, double value)
    {
        int? nearest = null;
        var distance = double.PositiveInfinity;
        for (var index = 0; index < run.Trials.Count; index++)
        {
            var trial = run.Trials[index];
            var candidate = Math.Abs(trial.Parameter - value);
            if (trial.Result.Outcome.IsDataPoint() && candidate <= distance)
            {
                (nearest, distance) = (index + 1, candidate);
            }
        }

        return nearest;
    }

    private static int? LastDataPoint(ExperimentRun run)
    {
        for (var index = run.Trials.Count - 1; index >= 0; index--)
        {
            if (run.Trials[index].Result.Outcome.IsDataPoint())
            {
                return index + 1;
            }
        }

        return run.Trials.Count == 0 ? null : run.Trials.Count;
    }

    private static bool Below(double value, double? limit) => limit is { } low && value < low - Slack(low);

    private static bool Above(double value, double? limit) => limit is { } high && value > high + Slack(high);

    private static double Slack(double limit) => RelativeSlack * Math.Max(1, Math.Abs(limit));

    private static string LimitsText(Expectation expectation, string unit) => (expectation.Nominal, expectation.Low, expectation.High) switch
    {
        ({ } nominal, { } low, { } high) => $"{Number(low)} … {Number(high)} {unit}, nominal {Quantity(nominal, unit)} ± {Quantity(high - nominal, unit)}",
        (_, { } low, { } high) => $"{Number(low)} … {Number(high)} {unit}",
        (_, { } low, null) => $"≥ {Quantity(low, unit)}",
        (_, null, { } high) => $"≤ {Quantity(high, unit)}",
        _ => "none",
    };

    private static string IntervalText(double? low, double? high, string unit) =>
        low is null && high is null ? "unknown" : $"[{(low is { } l ? Number(l) : "?")}, {(high is { } h ? Number(h) : "?")}] {unit}";

    /// <summary>A transaction's story can list dozens of reversal requests: the detail keeps its start, checker.json has it all.</summary>
    private static string Brief(string whatHappened) =>
        whatHappened.Length <= MaximumStoryLength ? whatHappened : whatHappened[..MaximumStoryLength].TrimEnd() + " … (checker.json has the rest)";

    private static string Quantity(double value, string unit) => $"{Number(value)} {unit}";

    private static string SignedQuantity(double value, string unit) => (value > 0 ? "+" : "") + Quantity(value, unit);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
