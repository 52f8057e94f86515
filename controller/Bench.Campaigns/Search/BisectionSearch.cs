using System.Globalization;

namespace Bench.Campaigns.Search;

/// <summary>
/// Finds where a monotone outcome flips from approved (low parameter) to timeout (high parameter)
/// by bisection. Pure logic: trials run through the supplied function, so the same search drives
/// the simulated rig, the real rig and the tests.
/// </summary>
/// <remarks>
/// The range ends are assumed (approved at the low end, timeout at the high end) and checked only if
/// no bisection trial confirmed that side, so a search uses at most
/// <c>ceil(log2(range / resolution)) + 1</c> trials with terminal results (+2 when the range is
/// already within the resolution). Rig time is scarce: a real trial can take a minute.
/// A trial that is no data point (a rig fault, a firmware fault, a watchdog: see
/// <see cref="TrialOutcomes.IsDataPoint"/>) is excluded and repeated at the same parameter; as many
/// in a row as the invalid-trial limit abort the search, naming their reasons.
/// </remarks>
public sealed class BisectionSearch : IThresholdSearch
{
    // Relative slack so that e.g. 120 / 2^9 against 0.25 is not lost to floating-point rounding.
    private const double WidthTolerance = 1e-9;

    /// <summary>The invalid-trial limit when none is given: one repeat, then give up.</summary>
    public const int DefaultInvalidTrialLimit = 2;

    /// <summary>The highest invalid-trial limit accepted: beyond it a broken rig burns rig time for nothing.</summary>
    public const int MaximumInvalidTrialLimit = 20;

    /// <param name="invalidTrialLimit">Invalid trials in a row at one parameter that abort the search (1 to <see cref="MaximumInvalidTrialLimit"/>).</param>
    public BisectionSearch(double low, double high, double resolution, int invalidTrialLimit = DefaultInvalidTrialLimit)
    {
        if (invalidTrialLimit is < 1 or > MaximumInvalidTrialLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(invalidTrialLimit), invalidTrialLimit, $"the invalid-trial limit must be between 1 and {MaximumInvalidTrialLimit}");
        }

        InvalidTrialLimit = invalidTrialLimit;
        if (!double.IsFinite(low) || !double.IsFinite(high) || low >= high)
        {
            throw new ArgumentException($"the range must be finite with low < high (got [{low}, {high}])");
        }

        if (!double.IsFinite(resolution) || resolution <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be > 0");
        }

        Low = low;
        High = high;
        Resolution = resolution;
        Halvings = HalvingsNeeded(high - low, resolution);
    }

    public double Low { get; }

    public double High { get; }

    public double Resolution { get; }

    /// <summary>Invalid trials in a row at one parameter that abort the search.</summary>
    public int InvalidTrialLimit { get; }

    /// <summary>Bisection trials needed to narrow the range to the resolution: ceil(log2(range / resolution)).</summary>
    public int Halvings { get; }

    /// <summary>Upper bound on trials with a terminal result (repeats of invalid trials are extra).</summary>
    public int MaximumTrials => Halvings + 2;

    public static int HalvingsNeeded(double range, double resolution)
    {
        var halvings = 0;
        var width = range;
        while (width > resolution * (1 + WidthTolerance))
        {
            width /= 2;
            halvings++;
        }

        return halvings;
    }

    /// <param name="runTrial">Runs one trial at the given parameter and reports what the terminal showed.</param>
    /// <param name="cancellationToken">Stops the search between or during trials.</param>
    public Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialOutcome>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        return RunAsync(async (parameter, token) => new TrialObservation(await runTrial(parameter, token).ConfigureAwait(false)), cancellationToken);
    }

    /// <param name="runTrial">Runs one trial at the given parameter and reports its outcome and, for an invalid trial, why.</param>
    /// <param name="cancellationToken">Stops the search between or during trials.</param>
    public async Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        var trials = new List<SearchTrial>();
        double? lastApproved = null;
        double? firstTimeout = null;
        var lower = Low;
        var upper = High;

        for (var step = 0; step < Halvings; step++)
        {
            var middle = lower + ((upper - lower) / 2);
            var outcome = await RunWithRetryAsync(runTrial, middle, trials, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case TrialOutcome.Approved:
                    lower = middle;
                    lastApproved = middle;
                    break;
                case TrialOutcome.Timeout:
                    upper = middle;
                    firstTimeout = middle;
                    break;
                default:
                    return Stopped(outcome, middle, trials, lastApproved, firstTimeout);
            }
        }

        // Only the sides no bisection trial confirmed still rest on assumption: check those ends now.
        if (lastApproved is null)
        {
            var outcome = await RunWithRetryAsync(runTrial, Low, trials, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case TrialOutcome.Approved:
                    lastApproved = Low;
                    break;
                case TrialOutcome.Timeout:
                    return Result(
                        ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, null, null, Low, trials,
                        $"threshold not found: below the range, the terminal already timed out at the lower bound {Text(Low)}");
                default:
                    return Stopped(outcome, Low, trials, lastApproved, firstTimeout);
            }
        }

        if (firstTimeout is null)
        {
            var outcome = await RunWithRetryAsync(runTrial, High, trials, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case TrialOutcome.Timeout:
                    firstTimeout = High;
                    break;
                case TrialOutcome.Approved:
                    return Result(
                        ThresholdSearchStatus.NotFoundApprovedAtUpperBound, null, High, null, trials,
                        $"threshold not found: above the range, the terminal was still approved at the upper bound {Text(High)}");
                default:
                    return Stopped(outcome, High, trials, lastApproved, firstTimeout);
            }
        }

        var threshold = lastApproved.Value + ((firstTimeout.Value - lastApproved.Value) / 2);
        return Result(
            ThresholdSearchStatus.Found, threshold, lastApproved, firstTimeout, trials,
            $"flips between {Text(lastApproved.Value)} (approved) and {Text(firstTimeout.Value)} (timeout)");
    }

    /// <summary>Runs a trial, repeating it at the same parameter while it is no data point, up to the invalid-trial limit.</summary>
    private async Task<TrialOutcome> RunWithRetryAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, double parameter, List<SearchTrial> trials, CancellationToken cancellationToken)
    {
        TrialOutcome outcome = TrialOutcome.Invalid;
        for (var attempt = 0; attempt < InvalidTrialLimit && !outcome.IsDataPoint(); attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observation = await runTrial(parameter, cancellationToken).ConfigureAwait(false);
            outcome = observation.Outcome;
            trials.Add(new SearchTrial(trials.Count + 1, parameter, outcome)
            {
                Reason = outcome.IsDataPoint() ? null : observation.Reason ?? outcome.ToString(),
            });
        }

        return outcome;
    }

    private ThresholdSearchResult Stopped(
        TrialOutcome outcome, double parameter, List<SearchTrial> trials, double? lastApproved, double? firstTimeout)
    {
        string explanation;
        if (outcome.IsDataPoint())
        {
            explanation = $"search aborted: the terminal showed {outcome} at {Text(parameter)}, but bisection needs approved or timeout";
        }
        else
        {
            var streak = trials.TakeLast(InvalidTrialLimit).ToList();
            var what = streak.All(trial => trial.Outcome == TrialOutcome.RigFault) ? "rig fault" : "invalid trial";
            var times = streak.Count switch { 1 => "once", 2 => "twice", _ => $"{streak.Count} times" };
            var reasons = string.Join("; ", streak.Select(trial => trial.Reason).Distinct());
            explanation = $"search aborted: {what} {times} in a row at {Text(parameter)} ({reasons}); " +
                "rig faults and invalid trials are not terminal results";
        }

        return Result(ThresholdSearchStatus.Aborted, null, lastApproved, firstTimeout, trials, explanation);
    }

    private ThresholdSearchResult Result(
        ThresholdSearchStatus status, double? threshold, double? lastApproved, double? firstTimeout, List<SearchTrial> trials, string explanation) =>
        new(
            status,
            threshold,
            lastApproved,
            firstTimeout,
            Resolution,
            trials.Count(trial => trial.Outcome.IsDataPoint()),
            trials.Count(trial => !trial.Outcome.IsDataPoint()),
            trials.AsReadOnly(),
            explanation)
        {
            SearchMethod = "bisection",
        };

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
