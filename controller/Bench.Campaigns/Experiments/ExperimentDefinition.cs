using Bench.Hardware;

namespace Bench.Campaigns.Experiments;

/// <summary>
/// One threshold search in a campaign: which injection, over which range, to which resolution,
/// against which terminal profile (the campaign's, or the experiment's own override).
/// </summary>
/// <param name="Name">Unique in the campaign; also the base name of the experiment's plot files.</param>
/// <param name="Kind">The failure injection swept.</param>
/// <param name="Range">Parameter range, in <see cref="ExperimentKind.ParameterUnit"/>.</param>
/// <param name="Resolution">Search stops when the bracket is at most this wide (same unit).</param>
/// <param name="SearchMethod">How the flip point is searched for.</param>
/// <param name="Settle">Terminal time to wait after each trial (reversals, re-sign-on) before the next; the trial executor applies it.</param>
/// <param name="AmountMinorUnits">Sale amount in minor units (fen/cents), as field 4 carries it.</param>
/// <param name="TerminalFile">Full path of the terminal profile file used.</param>
/// <param name="Terminal">The terminal profile used.</param>
public sealed record ExperimentDefinition(
    string Name,
    ExperimentKind Kind,
    ParameterRange Range,
    double Resolution,
    SearchMethod SearchMethod,
    TimeSpan Settle,
    long AmountMinorUnits,
    string TerminalFile,
    TerminalProfile Terminal)
{
    /// <summary>When the injection strikes (the kind's default unless the campaign says otherwise).</summary>
    public InjectionTrigger Trigger { get; init; } = Kind.DefaultTrigger;

    /// <summary>Trial budget of a staircase or psychometric search (repeated trials around a noisy flip).</summary>
    public int MaximumTrials { get; init; } = 40;

    /// <summary>Invalid trials (rig fault, firmware fault, watchdog) in a row at one parameter that abort the search.</summary>
    public int InvalidTrialLimit { get; init; } = Search.BisectionSearch.DefaultInvalidTrialLimit;

    /// <summary>Trials a frugal search repeats at each end of the bracket it found, to confirm the flip is deterministic.</summary>
    public int ConfirmationTrials { get; init; } = Search.FrugalSearch.DefaultConfirmationTrials;

    /// <summary>Width of the 95 % credible interval at which a psychometric search stops (parameter's unit); null for the default.</summary>
    public double? IntervalWidth { get; init; }

    /// <summary>The psychometric search's interval width: the campaign's, or <see cref="Search.PsychometricSearch.DefaultIntervalWidthInResolutions"/> resolutions.</summary>
    public double EffectiveIntervalWidth => IntervalWidth ?? (Resolution * Search.PsychometricSearch.DefaultIntervalWidthInResolutions);

    /// <summary>What the campaign expects this experiment to measure (its own and the campaign's), evaluated after the checker.</summary>
    public IReadOnlyList<Expectations.Expectation> Expectations { get; init; } = [];
}
