using System.Globalization;

namespace Bench.Campaigns.Search;

/// <summary>
/// Finds the 50 % point of a noisy flip (RF attenuation: the same level sometimes approves, sometimes
/// times out) with a 1-up/1-down staircase: after an approval the next trial goes one step up, after a
/// timeout one step down, so the trials settle around the level where both are equally likely. The step
/// starts at a quarter of the range and halves at each reversal down to the resolution; the estimate is
/// the mean of the reversal levels at the final step, with a 95 % interval from their spread.
/// </summary>
/// <remarks>
/// Pure logic, like <see cref="BisectionSearch"/>. Levels lie on the grid <c>low + k × resolution</c>, so a
/// stepped actuator (0.5 dB attenuator steps) can always be set. A rig fault is retried once at the same
/// level; a second one in a row aborts.
/// </remarks>
public sealed class StaircaseSearch : IThresholdSearch
{
    private const int ReversalsWanted = 6;
    private const int EdgeTrialsToGiveUp = 3;

    public StaircaseSearch(double low, double high, double resolution, int maximumTrials, int invalidTrialLimit = BisectionSearch.DefaultInvalidTrialLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(invalidTrialLimit, 1);
        InvalidTrialLimit = invalidTrialLimit;
        if (!double.IsFinite(low) || !double.IsFinite(high) || low >= high)
        {
            throw new ArgumentException($"the range must be finite with low < high (got [{low}, {high}])");
        }

        if (!double.IsFinite(resolution) || resolution <= 0 || resolution > high - low)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be > 0 and within the range");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maximumTrials, 4);
        Low = low;
        High = high;
        Resolution = resolution;
        MaximumTrials = maximumTrials;
        Steps = (int)Math.Floor(((high - low) / resolution) + 1e-9);
    }

    public double Low { get; }

    public double High { get; }

    public double Resolution { get; }

    /// <summary>Trials with a terminal result the search may spend.</summary>
    public int MaximumTrials { get; }

    /// <summary>Invalid trials (rig fault, firmware fault, watchdog) in a row that abort the search.</summary>
    public int InvalidTrialLimit { get; }

    /// <summary>Grid steps between <see cref="Low"/> and the highest level.</summary>
    public int Steps { get; }

    public Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialOutcome>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        return RunAsync(async (level, token) => new TrialObservation(await runTrial(level, token).ConfigureAwait(false)), cancellationToken);
    }

    /// <param name="runTrial">Runs one trial at the given level and reports its outcome and, for an invalid trial, why.</param>
    public async Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runTrial);
        var trials = new List<SearchTrial>();
        var tallies = new SortedDictionary<int, (int Trials, int Timeouts)>();
        var finalReversals = new List<double>();
        var index = Steps / 2;
        var step = Math.Max(1, Steps / 4);
        int? lastDirection = null;
        var approvalsAtTop = 0;
        var timeoutsAtBottom = 0;
        var consecutiveFaults = 0;

        while (trials.Count(trial => trial.Outcome.IsDataPoint()) < MaximumTrials)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var level = Level(index);
            var observation = await runTrial(level, cancellationToken).ConfigureAwait(false);
            var outcome = observation.Outcome;
            trials.Add(new SearchTrial(trials.Count + 1, level, outcome) { Reason = observation.Reason });
            if (!outcome.IsDataPoint())
            {
                // Not a data point: repeated at the same level, up to the limit.
                if (++consecutiveFaults >= InvalidTrialLimit)
                {
                    var reasons = string.Join("; ", trials.TakeLast(consecutiveFaults).Select(trial => trial.Reason ?? trial.Outcome.ToString()).Distinct());
                    return Result(ThresholdSearchStatus.Aborted, trials, tallies, finalReversals,
                        $"search aborted: {consecutiveFaults} invalid trials in a row at {Text(level)} ({reasons}); they are not terminal results");
                }

                continue;
            }

            consecutiveFaults = 0;
            if (outcome is not (TrialOutcome.Approved or TrialOutcome.Timeout))
            {
                return Result(ThresholdSearchStatus.Aborted, trials, tallies, finalReversals,
                    $"search aborted: the terminal showed {outcome} at {Text(level)}, but the staircase needs approved or timeout");
            }

            var timedOut = outcome == TrialOutcome.Timeout;
            var tally = tallies.GetValueOrDefault(index);
            tallies[index] = (tally.Trials + 1, tally.Timeouts + (timedOut ? 1 : 0));

            approvalsAtTop = index == Steps && !timedOut ? approvalsAtTop + 1 : 0;
            timeoutsAtBottom = index == 0 && timedOut ? timeoutsAtBottom + 1 : 0;
            if (approvalsAtTop >= EdgeTrialsToGiveUp)
            {
                return Result(ThresholdSearchStatus.NotFoundApprovedAtUpperBound, trials, tallies, finalReversals,
                    $"threshold not found: still approved {approvalsAtTop} times in a row at the upper bound {Text(High)}");
            }

            if (timeoutsAtBottom >= EdgeTrialsToGiveUp)
            {
                return Result(ThresholdSearchStatus.NotFoundTimeoutAtLowerBound, trials, tallies, finalReversals,
                    $"threshold not found: timed out {timeoutsAtBottom} times in a row at the lower bound {Text(Low)}");
            }

            var direction = timedOut ? -1 : 1;
            if (lastDirection is { } previous && previous != direction)
            {
                // A reversal: at the final step it is a sample of the 50 % point; before it, the step halves.
                if (step == 1)
                {
                    finalReversals.Add(level);
                }
                else
                {
                    step = Math.Max(1, step / 2);
                }
            }

            lastDirection = direction;
            if (finalReversals.Count >= ReversalsWanted)
            {
                break;
            }

            index = Math.Clamp(index + (direction * step), 0, Steps);
        }

        if (finalReversals.Count < 2)
        {
            return Result(ThresholdSearchStatus.Aborted, trials, tallies, finalReversals,
                $"search aborted: the trial budget ({MaximumTrials}) ran out before the staircase settled ({finalReversals.Count} reversals at the final step)");
        }

        return Result(ThresholdSearchStatus.Found, trials, tallies, finalReversals,
            $"50 % point from {finalReversals.Count} reversals at {Text(Resolution)} steps");
    }

    private double Level(int index) => Low + (index * Resolution);

    private ThresholdSearchResult Result(
        ThresholdSearchStatus status,
        List<SearchTrial> trials,
        SortedDictionary<int, (int Trials, int Timeouts)> tallies,
        List<double> reversals,
        string explanation)
    {
        double? threshold = null;
        double? intervalLow = null;
        double? intervalHigh = null;
        if (status == ThresholdSearchStatus.Found)
        {
            var mean = reversals.Average();
            var variance = reversals.Sum(level => (level - mean) * (level - mean)) / (reversals.Count - 1);
            // Never narrower than the grid can resolve.
            var halfWidth = Math.Max(1.96 * Math.Sqrt(variance / reversals.Count), Resolution / 2);
            threshold = mean;
            intervalLow = Math.Max(Low, mean - halfWidth);
            intervalHigh = Math.Min(High, mean + halfWidth);
        }

        var levels = tallies.Select(pair => new LevelTally(Level(pair.Key), pair.Value.Trials, pair.Value.Timeouts)).ToList();
        var lastApproved = levels.Where(level => level.Timeouts < level.Trials).Select(level => (double?)level.Level).LastOrDefault();
        var firstTimeout = levels.Where(level => level.Timeouts > 0).Select(level => (double?)level.Level).FirstOrDefault();
        return new ThresholdSearchResult(
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
            Probabilistic = true,
            SearchMethod = "staircase",
            IntervalLow = intervalLow,
            IntervalHigh = intervalHigh,
            TrialsPerLevel = levels,
        };
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
