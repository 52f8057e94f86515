using Bench.Campaigns.Search;

namespace Bench.Campaigns.Summary;

/// <summary>One experiment's result as summary.json and the console table report it.</summary>
/// <param name="Name">Experiment name.</param>
/// <param name="InjectionKind">The experiment kind, e.g. <c>hostResponseDelay</c>.</param>
/// <param name="ParameterName">Swept parameter, e.g. "host response delay".</param>
/// <param name="ParameterUnit">Its unit, e.g. "s".</param>
/// <param name="Status">How the search ended.</param>
/// <param name="Threshold">Flip point estimate (midpoint of the bracket); null unless found.</param>
/// <param name="LastApproved">Lower end of the final bracket.</param>
/// <param name="FirstTimeout">Upper end of the final bracket.</param>
/// <param name="BracketWidth">Resolution actually reached.</param>
/// <param name="RequestedResolution">Resolution the campaign asked for.</param>
/// <param name="TrialsUsed">Trials with a terminal result.</param>
/// <param name="RigFaults">Trials lost to rig faults.</param>
/// <param name="ConfiguredTimeoutSeconds">The terminal profile's response timeout.</param>
/// <param name="TerminalModel">The terminal profile's model.</param>
/// <param name="Explanation">How the search ended, in one sentence.</param>
public sealed record ExperimentSummary(
    string Name,
    string InjectionKind,
    string ParameterName,
    string ParameterUnit,
    ThresholdSearchStatus Status,
    double? Threshold,
    double? LastApproved,
    double? FirstTimeout,
    double? BracketWidth,
    double RequestedResolution,
    int TrialsUsed,
    int RigFaults,
    double ConfiguredTimeoutSeconds,
    string TerminalModel,
    string Explanation)
{
    /// <summary>When the injection struck, e.g. <c>hostReceivedRequest + 0.3 s</c>.</summary>
    public string Trigger { get; init; } = "start";

    /// <summary>The link the terminal used (ethernet, pstn, cellular).</summary>
    public string Link { get; init; } = "ethernet";

    /// <summary>
    /// How much faster than real time the terminal ran (20: a 60 s timeout took 3 s); 1 for a real terminal.
    /// Every time in the summary is terminal time.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>True for a 50 % point of a noisy flip found from repeated trials.</summary>
    public bool Probabilistic { get; init; }

    /// <summary>The bracket of a deterministic flip or the 95 % interval of a probabilistic one.</summary>
    public double? IntervalLow { get; init; }

    public double? IntervalHigh { get; init; }

    /// <summary>What the profile predicts; null when nothing does.</summary>
    public ThresholdPrediction? Prediction { get; init; }

    /// <summary>The search that measured the threshold, as campaign files name it (bisection, frugal, staircase, psychometric).</summary>
    public string? SearchMethod { get; init; }

    /// <summary>For a psychometric search: the fitted logistic's scale in the parameter's unit (see <see cref="ThresholdSearchResult.Slope"/>).</summary>
    public double? Slope { get; init; }

    /// <summary>For a probabilistic threshold: trials and timeouts per level.</summary>
    public IReadOnlyList<LevelTally> TrialsPerLevel { get; init; } = [];
}
