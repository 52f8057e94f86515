namespace Bench.Campaigns.Search;

/// <summary>
/// Finds a deterministic flip (approved below, timeout above) with as little rig time as the prediction allows: the
/// two trials bracketing the predicted threshold first, then galloping outward in doubling steps if the flip is not
/// there, then bisection to the resolution, then confirmation trials at both ends of the found bracket.
/// </summary>
/// <remarks>
/// <para>
/// When the terminal honours its configuration the search costs the two bracketing trials plus the confirmations.
/// When it does not, no trial is spent unless the worst case of the whole search, confirmations included, stays within
/// the plain bisection bound (<see cref="BisectionSearch.MaximumTrials"/>) + 2: a bracketing or galloping trial that
/// could break that bound is replaced by bisection over the bracket left. With many confirmations the bound is
/// plain bisection's own worst case plus the confirmations.
/// </para>
/// <para>
/// Rig time is the sum of trial durations, and a trial past a timeout threshold costs the whole timeout: where two
/// probes are equally informative the one on the <see cref="CheapSide"/> goes first, and a bisection trial sits as
/// far towards the cheap side as the bracket allows without costing a trial more.
/// </para>
/// <para>
/// A confirmation that disagrees with the bracket (the approved end times out, or the reverse) ends the search as
/// <see cref="ThresholdSearchStatus.Contradicted"/>: the flip is not deterministic at this resolution.
/// Invalid trials are repeated and abort at the invalid-trial limit; a decline aborts, as in <see cref="BisectionSearch"/>.
/// </para>
/// </remarks>
public sealed class FrugalSearch : IThresholdSearch
{
    /// <summary>The search method's name in campaign files and summaries.</summary>
    public const string MethodName = "frugal";

    public const int DefaultConfirmationTrials = 1;

    /// <summary>The most confirmation trials per side accepted: more says nothing a psychometric search would not say better.</summary>
    public const int MaximumConfirmationTrials = 10;

    private const double WidthTolerance = 1e-9;

    /// <param name="prediction">The threshold predicted before any trial (the profile's timer); null searches by bisection, then confirms.</param>
    /// <param name="confirmationTrials">Trials repeated at each end of the found bracket (0 to <see cref="MaximumConfirmationTrials"/>).</param>
    /// <param name="invalidTrialLimit">Invalid trials in a row at one parameter that abort the search.</param>
    /// <param name="cheapSide">The side of the flip whose trials end sooner.</param>
    public FrugalSearch(
        double low,
        double high,
        double resolution,
        double? prediction,
        int confirmationTrials = DefaultConfirmationTrials,
        int invalidTrialLimit = BisectionSearch.DefaultInvalidTrialLimit,
        CheapSide cheapSide = CheapSide.Below)
    {
        // Validates the range, the resolution and the invalid-trial limit, and gives the bound this search keeps to.
        var bisection = new BisectionSearch(low, high, resolution, invalidTrialLimit);
        if (prediction is { } predicted && !double.IsFinite(predicted))
        {
            throw new ArgumentOutOfRangeException(nameof(prediction), prediction, "the prediction must be a finite number");
        }

        if (confirmationTrials is < 0 or > MaximumConfirmationTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(confirmationTrials), confirmationTrials, $"confirmation trials must be between 0 and {MaximumConfirmationTrials}");
        }

        Low = low;
        High = high;
        Resolution = resolution;
        Prediction = prediction;
        ConfirmationTrials = confirmationTrials;
        InvalidTrialLimit = invalidTrialLimit;
        CheapSide = cheapSide;
        BisectionBound = bisection.MaximumTrials;
        SearchBudget = Math.Max(WorstCase(low, high, false, false), BisectionBound + 2 - (2 * confirmationTrials));
    }

    public double Low { get; }

    public double High { get; }

    public double Resolution { get; }

    public double? Prediction { get; }

    public int ConfirmationTrials { get; }

    public int InvalidTrialLimit { get; }

    public CheapSide CheapSide { get; }

    /// <summary>The plain bisection bound over the same range: <see cref="BisectionSearch.MaximumTrials"/>.</summary>
    public int BisectionBound { get; }

    /// <summary>Trials with a terminal result the search may spend before the confirmations.</summary>
    public int SearchBudget { get; }

    /// <summary>Upper bound on trials with a terminal result, confirmations included (repeats of invalid trials are extra).</summary>
    public int MaximumTrials => SearchBudget + (2 * ConfirmationTrials);

    public async Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        var runner = new SearchTrialRunner(runTrial, InvalidTrialLimit);
        var state = new Bracket();
        var bracketProbes = BracketProbes();
        var gallopSteps = 0;
        var bisecting = false;

        while (true)
        {
            if (state.Approved is { } approved && state.Timeout is { } timeout && timeout - approved <= Resolution * (1 + WidthTolerance))
            {
                break;
            }

            if (state.Timeout == Low)
            {
                return Result(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, null, state, runner,
                    $"threshold not found: below the range, the terminal already timed out at the lower bound {Text(Low)}");
            }

            if (state.Approved == High)
            {
                return Result(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, null, state, runner,
                    $"threshold not found: above the range, the terminal was still approved at the upper bound {Text(High)}");
            }

            var used = runner.DataPoints;
            double probe;
            if (!bisecting && bracketProbes.Count > 0)
            {
                var next = bracketProbes.FindIndex(candidate => state.Inside(candidate, Low, High) && Allowed(candidate, state, used));
                if (next < 0)
                {
                    bracketProbes.Clear();
                    continue;
                }

                probe = bracketProbes[next];
                bracketProbes.RemoveAt(next);
            }
            else if (!bisecting && Prediction is not null && GallopProbe(state, gallopSteps) is { } gallop && Allowed(gallop, state, used))
            {
                probe = gallop;
                gallopSteps++;
            }
            else
            {
                bisecting = true;
                probe = BisectionProbe(state);
            }

            var outcome = await runner.RunAsync(probe, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case TrialOutcome.Approved:
                    state = state with { Approved = Math.Max(state.Approved ?? double.NegativeInfinity, probe) };
                    break;
                case TrialOutcome.Timeout:
                    state = state with { Timeout = Math.Min(state.Timeout ?? double.PositiveInfinity, probe) };
                    break;
                default:
                    return Result(ThresholdSearchStatus.Aborted, null, state, runner, runner.StopExplanation(outcome, probe, "the search"));
            }
        }

        var lastApproved = state.Approved!.Value;
        var firstTimeout = state.Timeout!.Value;
        var bracket = $"between {Text(lastApproved)} (approved) and {Text(firstTimeout)} (timeout)";
        var confirmations = CheapSide == CheapSide.Below
            ? new[] { (lastApproved, TrialOutcome.Approved), (firstTimeout, TrialOutcome.Timeout) }
            : new[] { (firstTimeout, TrialOutcome.Timeout), (lastApproved, TrialOutcome.Approved) };
        for (var round = 0; round < ConfirmationTrials; round++)
        {
            foreach (var (parameter, expected) in confirmations)
            {
                var outcome = await runner.RunAsync(parameter, cancellationToken).ConfigureAwait(false);
                if (!outcome.IsDataPoint() || outcome == TrialOutcome.Declined)
                {
                    return Result(ThresholdSearchStatus.Aborted, null, state, runner, runner.StopExplanation(outcome, parameter, "the search"));
                }

                if (outcome != expected)
                {
                    var trial = runner.Trials[^1].Number;
                    return Result(ThresholdSearchStatus.Contradicted, null, state, runner,
                        $"confirmation contradicted: trial {trial} at {Text(parameter)} did not repeat the outcome that bracketed the flip {bracket}; " +
                        "the flip is not deterministic at this resolution (a noisy or non-monotone terminal: search: psychometric measures a noisy flip)");
                }
            }
        }

        var confirmed = ConfirmationTrials == 0 ? "" : $", confirmed by {ConfirmationTrials} repeat{(ConfirmationTrials == 1 ? "" : "s")} at each end";
        return Result(
            ThresholdSearchStatus.Found, lastApproved + ((firstTimeout - lastApproved) / 2), state, runner, $"flips {bracket}{confirmed}");
    }

    /// <summary>The trials that straddle the prediction, in the order to run them; empty without a prediction.</summary>
    private List<double> BracketProbes()
    {
        if (Prediction is not { } predicted)
        {
            return [];
        }

        var below = Math.Clamp(predicted - (Resolution / 2), Low, High);
        var above = Math.Clamp(predicted + (Resolution / 2), Low, High);
        if (below == above)
        {
            // The prediction lies off the range: the end nearest it answers first whether the flip is in range at all.
            return [below];
        }

        var cheapFirst = CheapSide == CheapSide.Below ? new List<double> { below, above } : [above, below];
        var otherFirst = new List<double> { cheapFirst[1], cheapFirst[0] };
        // Both run when the prediction holds, at the same rig time in either order; the order only has to keep the
        // second trial within the budget once the first went as predicted.
        return Feasible(cheapFirst) ? cheapFirst : otherFirst;
    }

    private bool Feasible(List<double> order)
    {
        var start = new Bracket();
        if (!Allowed(order[0], start, 0))
        {
            return false;
        }

        var first = order[0];
        var afterFirst = first < order[1] ? start with { Approved = first } : start with { Timeout = first };
        return Allowed(order[1], afterFirst, 1);
    }

    /// <summary>The next galloping trial: doubling steps outward from the side already known; null when both sides are known.</summary>
    private double? GallopProbe(Bracket state, int steps)
    {
        var step = Resolution * Math.Pow(2, steps);
        return (state.Approved, state.Timeout) switch
        {
            ({ } approved, null) => Math.Min(approved + step, High),
            (null, { } timeout) => Math.Max(timeout - step, Low),
            _ => null,
        };
    }

    /// <summary>
    /// Bisection's next trial: an unconfirmed end once the bracket is within the resolution, else a point that leaves
    /// either part needing one halving fewer, placed as far towards the cheap side as that allows.
    /// </summary>
    private double BisectionProbe(Bracket state)
    {
        var lower = state.Approved ?? Low;
        var upper = state.Timeout ?? High;
        var halvings = BisectionSearch.HalvingsNeeded(upper - lower, Resolution);
        if (halvings == 0)
        {
            // Only an end no trial confirmed is left; the cheap one first.
            var lowerUnknown = state.Approved is null;
            var upperUnknown = state.Timeout is null;
            return lowerUnknown && (!upperUnknown || CheapSide == CheapSide.Below) ? Low : High;
        }

        var half = Resolution * Math.Pow(2, halvings - 1);
        return CheapSide == CheapSide.Below ? Math.Max(lower, upper - half) : Math.Min(upper, lower + half);
    }

    /// <summary>True when running a trial at <paramref name="probe"/> keeps the search's worst case within its budget.</summary>
    private bool Allowed(double probe, Bracket state, int used)
    {
        var lower = state.Approved ?? Low;
        var upper = state.Timeout ?? High;
        var lowerKnown = state.Approved is not null;
        var upperKnown = state.Timeout is not null;
        // A trial at an unconfirmed end that lands on the far side ends the search there (threshold not in range).
        var ifTimeout = probe == Low && !lowerKnown ? 0 : WorstCase(lower, probe, lowerKnown, true);
        var ifApproved = probe == High && !upperKnown ? 0 : WorstCase(probe, upper, true, upperKnown);
        return used + 1 + Math.Max(ifTimeout, ifApproved) <= SearchBudget;
    }

    /// <summary>Bisection's worst case over a bracket: halvings to the resolution, then any end no trial confirmed.</summary>
    private int WorstCase(double lower, double upper, bool lowerKnown, bool upperKnown)
    {
        var halvings = BisectionSearch.HalvingsNeeded(Math.Max(0, upper - lower), Resolution);
        var unknownEnds = (lowerKnown ? 0 : 1) + (upperKnown ? 0 : 1);
        // After at least one halving, trials on both sides confirm both ends; only one-sided luck leaves an end to check.
        return halvings + (halvings == 0 ? unknownEnds : Math.Min(unknownEnds, 1));
    }

    private ThresholdSearchResult Result(
        ThresholdSearchStatus status, double? threshold, Bracket state, SearchTrialRunner runner, string explanation) =>
        new(
            status,
            threshold,
            state.Approved,
            state.Timeout,
            Resolution,
            runner.DataPoints,
            runner.Excluded,
            runner.Trials.ToList(),
            explanation)
        {
            SearchMethod = MethodName,
        };

    private static string Text(double value) => SearchTrialRunner.Text(value);

    /// <summary>What the trials so far established: the highest approved and the lowest timed-out parameter.</summary>
    private sealed record Bracket(double? Approved = null, double? Timeout = null)
    {
        /// <summary>True when a trial at <paramref name="probe"/> can still tell something: inside the open bracket, or an end not yet confirmed.</summary>
        public bool Inside(double probe, double low, double high) =>
            (probe > (Approved ?? low) && probe < (Timeout ?? high))
            || (probe == low && Approved is null && Timeout != low)
            || (probe == high && Timeout is null && Approved != high);
    }
}
