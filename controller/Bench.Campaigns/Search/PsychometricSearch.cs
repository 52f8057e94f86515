using System.Globalization;

namespace Bench.Campaigns.Search;

/// <summary>
/// Finds the 50 % point of a noisy flip (RF attenuation, host load: the same level sometimes approves, sometimes times
/// out) by a Psi-style adaptive method (Kontsevich and Tyler; QUEST+): a grid posterior over the threshold and the slope
/// of a logistic P(timeout | x) with a small lapse rate, each next trial at the level whose outcome is expected to leave
/// the threshold's posterior with the least entropy, until the threshold's 95 % credible interval is narrower than
/// requested or the trial budget is spent.
/// </summary>
/// <remarks>
/// Pure logic and deterministic given the outcomes (ties go to the lower level). Levels lie on the grid
/// <c>low + k × resolution</c>, so a stepped actuator can always be set. The threshold grid reaches a quarter of the
/// range beyond each end, so "the flip lies outside the range" is a hypothesis the trials can confirm: when the
/// posterior puts 95 % of the threshold beyond an end, the search reports it not found on that side.
/// The model: P(timeout | x) = λ + (1 − 2λ) / (1 + exp(−(x − threshold) / slope)), λ = <see cref="LapseRate"/>.
/// </remarks>
public sealed class PsychometricSearch : IThresholdSearch
{
    /// <summary>The search method's name in campaign files and summaries.</summary>
    public const string MethodName = "psychometric";

    /// <summary>Chance of an outcome against the curve at either end (a timeout far below, an approval far above): keeps one odd trial from ruling a threshold out.</summary>
    public const double LapseRate = 0.02;

    /// <summary>The requested interval width, in resolutions, when the campaign gives none.</summary>
    public const double DefaultIntervalWidthInResolutions = 4;

    private const int MaximumLevels = 121;
    private const int MaximumThresholds = 161;
    private const int SlopeCount = 12;
    private const double Credibility = 0.95;
    private const double RangeMargin = 0.25;

    private readonly double[] levels;
    private readonly double[] thresholds;
    private readonly double[] slopes;

    // P(timeout | level, threshold, slope), [level][threshold * SlopeCount + slope].
    private readonly double[][] timeoutProbability;

    /// <param name="intervalWidth">Stop once the threshold's 95 % credible interval is narrower than this (parameter's unit).</param>
    /// <param name="maximumTrials">Trials with a terminal result the search may spend.</param>
    /// <param name="invalidTrialLimit">Invalid trials in a row at one level that abort the search.</param>
    public PsychometricSearch(
        double low, double high, double resolution, double intervalWidth, int maximumTrials, int invalidTrialLimit = BisectionSearch.DefaultInvalidTrialLimit)
    {
        if (invalidTrialLimit is < 1 or > BisectionSearch.MaximumInvalidTrialLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(invalidTrialLimit), invalidTrialLimit, $"the invalid-trial limit must be between 1 and {BisectionSearch.MaximumInvalidTrialLimit}");
        }

        if (!double.IsFinite(low) || !double.IsFinite(high) || low >= high)
        {
            throw new ArgumentException($"the range must be finite with low < high (got [{low}, {high}])");
        }

        if (!double.IsFinite(resolution) || resolution <= 0 || resolution > high - low)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be > 0 and within the range");
        }

        if (!double.IsFinite(intervalWidth) || intervalWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalWidth), intervalWidth, "the interval width must be > 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maximumTrials, 1);
        Low = low;
        High = high;
        Resolution = resolution;
        IntervalWidth = intervalWidth;
        MaximumTrials = maximumTrials;
        InvalidTrialLimit = invalidTrialLimit;

        levels = Levels(low, high, resolution);
        var margin = (high - low) * RangeMargin;
        var thresholdCount = (int)Math.Clamp(Math.Ceiling((high - low + (2 * margin)) / (resolution / 2)) + 1, 3, MaximumThresholds);
        thresholds = Enumerable.Range(0, thresholdCount).Select(index => low - margin + (index * (high - low + (2 * margin)) / (thresholdCount - 1))).ToArray();
        var steepest = Math.Max(resolution / 4, (high - low) / 1000);
        var shallowest = Math.Max(steepest * 2, (high - low) / 4);
        slopes = Enumerable.Range(0, SlopeCount).Select(index => steepest * Math.Pow(shallowest / steepest, (double)index / (SlopeCount - 1))).ToArray();
        timeoutProbability = levels.Select(level =>
        {
            var row = new double[thresholds.Length * SlopeCount];
            for (var t = 0; t < thresholds.Length; t++)
            {
                for (var s = 0; s < SlopeCount; s++)
                {
                    row[(t * SlopeCount) + s] = LapseRate + ((1 - (2 * LapseRate)) / (1 + Math.Exp(-(level - thresholds[t]) / slopes[s])));
                }
            }

            return row;
        }).ToArray();
    }

    public double Low { get; }

    public double High { get; }

    public double Resolution { get; }

    /// <summary>The requested width of the threshold's 95 % credible interval.</summary>
    public double IntervalWidth { get; }

    public int MaximumTrials { get; }

    public int InvalidTrialLimit { get; }

    /// <summary>The levels trials may be run at, on the resolution's grid.</summary>
    public IReadOnlyList<double> TrialLevels => levels;

    public async Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        var runner = new SearchTrialRunner(runTrial, InvalidTrialLimit);
        var posterior = Enumerable.Repeat(1.0 / (thresholds.Length * SlopeCount), thresholds.Length * SlopeCount).ToArray();
        var tallies = new SortedDictionary<int, (int Trials, int Timeouts)>();

        while (true)
        {
            var estimate = Estimate(posterior);
            if (estimate.AboveRange >= Credibility)
            {
                return Result(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, estimate, runner, tallies, false,
                    $"threshold not found: above the range, the 50 % point lies above the upper bound {Text(High)} with {Percent(estimate.AboveRange)} probability");
            }

            if (estimate.BelowRange >= Credibility)
            {
                return Result(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, estimate, runner, tallies, false,
                    $"threshold not found: below the range, the 50 % point lies below the lower bound {Text(Low)} with {Percent(estimate.BelowRange)} probability");
            }

            if (estimate.Width < IntervalWidth && estimate.Median >= Low && estimate.Median <= High)
            {
                return Result(ThresholdSearchStatus.Found, estimate, runner, tallies, true,
                    $"50 % point {Text(estimate.Median)} (95 % interval {Text(estimate.IntervalLow)} … {Text(estimate.IntervalHigh)}, narrower than the requested {Text(IntervalWidth)}) after {runner.DataPoints} trials");
            }

            if (runner.DataPoints >= MaximumTrials)
            {
                var spent = $"the trial budget ({MaximumTrials}) was spent with the 95 % interval {Text(estimate.IntervalLow)} … {Text(estimate.IntervalHigh)} " +
                    $"{Text(estimate.Width)} wide, wider than the requested {Text(IntervalWidth)}";
                return estimate.Median < Low
                    ? Result(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, estimate, runner, tallies, false, $"threshold not found: most likely below the range; {spent}")
                    : estimate.Median > High
                        ? Result(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, estimate, runner, tallies, false, $"threshold not found: most likely above the range; {spent}")
                        : Result(ThresholdSearchStatus.Found, estimate, runner, tallies, true, $"50 % point {Text(estimate.Median)}, but {spent}");
            }

            var index = MostInformativeLevel(posterior);
            var level = levels[index];
            var outcome = await runner.RunAsync(level, cancellationToken).ConfigureAwait(false);
            if (outcome is not (TrialOutcome.Approved or TrialOutcome.Timeout))
            {
                return Result(ThresholdSearchStatus.Aborted, estimate, runner, tallies, false, runner.StopExplanation(outcome, level, "the psychometric search"));
            }

            var timedOut = outcome == TrialOutcome.Timeout;
            var tally = tallies.GetValueOrDefault(index);
            tallies[index] = (tally.Trials + 1, tally.Timeouts + (timedOut ? 1 : 0));
            Update(posterior, timeoutProbability[index], timedOut);
        }
    }

    /// <summary>
    /// The same posterior fitted to trials run elsewhere (a linear sweep, an earlier run): the threshold, its 95 % credible
    /// interval and the slope the tallies support, levels anywhere in the range.
    /// </summary>
    public PsychometricFit Fit(IEnumerable<LevelTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var posterior = Enumerable.Repeat(1.0 / (thresholds.Length * SlopeCount), thresholds.Length * SlopeCount).ToArray();
        var row = new double[posterior.Length];
        foreach (var tally in tallies.Where(tally => tally.Trials > 0))
        {
            for (var t = 0; t < thresholds.Length; t++)
            {
                for (var s = 0; s < SlopeCount; s++)
                {
                    var timeout = LapseRate + ((1 - (2 * LapseRate)) / (1 + Math.Exp(-(tally.Level - thresholds[t]) / slopes[s])));
                    // In logarithms: a level tried many times would underflow as a plain product.
                    row[(t * SlopeCount) + s] = (tally.Timeouts * Math.Log(timeout)) + ((tally.Trials - tally.Timeouts) * Math.Log(1 - timeout));
                }
            }

            var peak = row.Max();
            for (var cell = 0; cell < posterior.Length; cell++)
            {
                posterior[cell] *= Math.Exp(row[cell] - peak);
            }

            var total = posterior.Sum();
            for (var cell = 0; cell < posterior.Length; cell++)
            {
                posterior[cell] /= total;
            }
        }

        var estimate = Estimate(posterior);
        return new PsychometricFit(estimate.Median, estimate.IntervalLow, estimate.IntervalHigh, estimate.Slope);
    }

    /// <summary>The level whose outcome leaves the threshold's marginal posterior with the least expected entropy.</summary>
    private int MostInformativeLevel(double[] posterior)
    {
        var best = 0;
        var bestEntropy = double.PositiveInfinity;
        var ifTimeout = new double[thresholds.Length];
        var ifApproved = new double[thresholds.Length];
        for (var index = 0; index < levels.Length; index++)
        {
            var row = timeoutProbability[index];
            var timeoutMass = 0.0;
            var approvedMass = 0.0;
            for (var t = 0; t < thresholds.Length; t++)
            {
                var timeout = 0.0;
                var approved = 0.0;
                for (var s = 0; s < SlopeCount; s++)
                {
                    var cell = (t * SlopeCount) + s;
                    timeout += posterior[cell] * row[cell];
                    approved += posterior[cell] * (1 - row[cell]);
                }

                ifTimeout[t] = timeout;
                ifApproved[t] = approved;
                timeoutMass += timeout;
                approvedMass += approved;
            }

            var expected = (timeoutMass * Entropy(ifTimeout, timeoutMass)) + (approvedMass * Entropy(ifApproved, approvedMass));
            // Strictly better only: ties keep the lower level, deterministically.
            if (expected < bestEntropy - 1e-12)
            {
                bestEntropy = expected;
                best = index;
            }
        }

        return best;
    }

    private static double Entropy(double[] mass, double total)
    {
        if (total <= 0)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var value in mass)
        {
            if (value > 0)
            {
                var probability = value / total;
                entropy -= probability * Math.Log(probability);
            }
        }

        return entropy;
    }

    private static void Update(double[] posterior, double[] row, bool timedOut)
    {
        var total = 0.0;
        for (var cell = 0; cell < posterior.Length; cell++)
        {
            posterior[cell] *= timedOut ? row[cell] : 1 - row[cell];
            total += posterior[cell];
        }

        for (var cell = 0; cell < posterior.Length; cell++)
        {
            posterior[cell] /= total;
        }
    }

    /// <summary>The threshold's marginal: median, 95 % credible interval, mass beyond each end; the slope's posterior mean.</summary>
    private PosteriorEstimate Estimate(double[] posterior)
    {
        var marginal = new double[thresholds.Length];
        var slope = 0.0;
        for (var t = 0; t < thresholds.Length; t++)
        {
            for (var s = 0; s < SlopeCount; s++)
            {
                var mass = posterior[(t * SlopeCount) + s];
                marginal[t] += mass;
                slope += mass * slopes[s];
            }
        }

        var tail = (1 - Credibility) / 2;
        return new PosteriorEstimate(
            Quantile(marginal, 0.5),
            Quantile(marginal, tail),
            Quantile(marginal, 1 - tail),
            slope,
            thresholds.Select((threshold, t) => threshold < Low ? marginal[t] : 0).Sum(),
            thresholds.Select((threshold, t) => threshold > High ? marginal[t] : 0).Sum());
    }

    /// <summary>A quantile of the marginal, each grid point's mass spread evenly over its cell.</summary>
    private double Quantile(double[] marginal, double probability)
    {
        var cell = thresholds[1] - thresholds[0];
        var cumulative = 0.0;
        for (var t = 0; t < marginal.Length; t++)
        {
            if (cumulative + marginal[t] >= probability && marginal[t] > 0)
            {
                return thresholds[t] - (cell / 2) + (cell * (probability - cumulative) / marginal[t]);
            }

            cumulative += marginal[t];
        }

        return thresholds[^1] + (cell / 2);
    }

    private static double[] Levels(double low, double high, double resolution)
    {
        var steps = (int)Math.Floor(((high - low) / resolution) + 1e-9);
        var stride = (int)Math.Ceiling((steps + 1) / (double)MaximumLevels);
        var indices = Enumerable.Range(0, (steps / stride) + 1).Select(index => index * stride).ToList();
        if (indices[^1] != steps)
        {
            indices.Add(steps);
        }

        return indices.Select(index => low + (index * resolution)).ToArray();
    }

    private ThresholdSearchResult Result(
        ThresholdSearchStatus status,
        PosteriorEstimate estimate,
        SearchTrialRunner runner,
        SortedDictionary<int, (int Trials, int Timeouts)> tallies,
        bool found,
        string explanation)
    {
        var perLevel = tallies.Select(pair => new LevelTally(levels[pair.Key], pair.Value.Trials, pair.Value.Timeouts)).ToList();
        var lastApproved = perLevel.Where(level => level.Timeouts < level.Trials).Select(level => (double?)level.Level).LastOrDefault();
        var firstTimeout = perLevel.Where(level => level.Timeouts > 0).Select(level => (double?)level.Level).FirstOrDefault();
        return new ThresholdSearchResult(
            status,
            found ? estimate.Median : null,
            lastApproved,
            firstTimeout,
            Resolution,
            runner.DataPoints,
            runner.Excluded,
            runner.Trials.ToList(),
            explanation)
        {
            Probabilistic = true,
            SearchMethod = MethodName,
            IntervalLow = found ? estimate.IntervalLow : null,
            IntervalHigh = found ? estimate.IntervalHigh : null,
            Slope = found ? estimate.Slope : null,
            TrialsPerLevel = perLevel,
        };
    }

    private static string Text(double value) => SearchTrialRunner.Text(value);

    private static string Percent(double probability) => probability.ToString("0.#%", CultureInfo.InvariantCulture);

    private sealed record PosteriorEstimate(double Median, double IntervalLow, double IntervalHigh, double Slope, double BelowRange, double AboveRange)
    {
        public double Width => IntervalHigh - IntervalLow;
    }
}
