namespace Bench.Campaigns.Search;

/// <summary>
/// What a threshold search found. When <see cref="Status"/> is <see cref="ThresholdSearchStatus.Found"/>,
/// <see cref="Threshold"/> is the midpoint of the final bracket
/// [<see cref="LastApproved"/>, <see cref="FirstTimeout"/>], both ends observed.
/// </summary>
/// <param name="Status">How the search ended.</param>
/// <param name="Threshold">Estimate of the flip point; null unless found.</param>
/// <param name="LastApproved">Highest parameter observed approved; null if none.</param>
/// <param name="FirstTimeout">Lowest parameter observed timing out; null if none.</param>
/// <param name="Resolution">The resolution that was requested.</param>
/// <param name="TrialsUsed">Trials with a terminal result (invalid trials excluded).</param>
/// <param name="RigFaults">Trials excluded as no data point: rig faults and invalid trials (firmware fault, watchdog).</param>
/// <param name="Trials">Every trial in the order run.</param>
/// <param name="Explanation">One sentence for humans on how the search ended.</param>
public sealed record ThresholdSearchResult(
    ThresholdSearchStatus Status,
    double? Threshold,
    double? LastApproved,
    double? FirstTimeout,
    double Resolution,
    int TrialsUsed,
    int RigFaults,
    IReadOnlyList<SearchTrial> Trials,
    string Explanation)
{
    /// <summary>True for a 50 % point of a noisy flip (repeated trials), false for a deterministic flip.</summary>
    public bool Probabilistic { get; init; }

    /// <summary>The threshold's interval: the bracket of a deterministic flip, the 95 % interval of a probabilistic one.</summary>
    public double? IntervalLow { get; init; }

    public double? IntervalHigh { get; init; }

    /// <summary>
    /// For a psychometric search: the fitted logistic's scale in the parameter's unit, P(timeout | x) = 1 / (1 + exp(−(x − threshold) / slope)):
    /// how far the parameter moves for the odds of a timeout to change e-fold. Null for the other searches.
    /// </summary>
    public double? Slope { get; init; }

    /// <summary>The search that produced the result as campaign files name it (bisection, frugal, staircase, psychometric).</summary>
    public string? SearchMethod { get; init; }

    /// <summary>For a probabilistic threshold: trials and timeouts at each level tried, in level order.</summary>
    public IReadOnlyList<LevelTally> TrialsPerLevel { get; init; } = [];

    /// <summary>Width of the final bracket when both ends were observed: the resolution actually reached.</summary>
    public double? BracketWidth => LastApproved is { } approved && FirstTimeout is { } timeout ? timeout - approved : null;

    /// <summary>True when the search gave up because too many trials in a row were no data point: the rig, not the terminal, failed.</summary>
    public bool AbortedByInvalidTrials => Status == ThresholdSearchStatus.Aborted && Trials.Count > 0 && !Trials[^1].Outcome.IsDataPoint();
}
