using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Injections;

/// <summary>
/// What an injection works with during one trial: the station, the campaign's host rules, the
/// experiment (kind, trigger, settle), the parameter value, the trial's events, and a token that
/// fires once the terminal has shown its result.
/// </summary>
public sealed class InjectionContext(
    TestStation station, HostRuleSet baseRules, ExperimentDefinition experiment, double parameter, TrialEvents events,
    int seed, CancellationToken saleEnded)
{
    private int powerCycled;
    private int applied;

    public TestStation Station { get; } = station;

    public HostRuleSet BaseRules { get; } = baseRules;

    public ExperimentDefinition Experiment { get; } = experiment;

    /// <summary>The swept value, in the kind's unit.</summary>
    public double Parameter { get; } = parameter;

    public TrialEvents Events { get; } = events;

    /// <summary>Seeds whatever is random in the trial (radio loss), so the trial can be repeated.</summary>
    public int Seed { get; } = seed;

    /// <summary>Fires once the sale has ended (the terminal's result, or the power went).</summary>
    public CancellationToken SaleEnded { get; } = saleEnded;

    /// <summary>True once the injection switched the terminal's power off: the executor waits for it to boot again.</summary>
    public bool TerminalPowerCycled => Volatile.Read(ref powerCycled) == 1;

    /// <summary>Raised when the injection cuts the terminal's power: the sale will never print a result.</summary>
    public event Action? TerminalPowerCut;

    /// <summary>A duration in the kind's unit (seconds of terminal time) as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ParameterAsDuration => TimeSpan.FromSeconds(Parameter);

    /// <summary>Waits for the trigger event, then for the trigger's offset plus <paramref name="extra"/> in terminal time after it.</summary>
    public async Task WaitForTriggerAsync(TimeSpan extra, CancellationToken cancellationToken)
    {
        var trigger = Experiment.Trigger;
        var at = await Events.WaitAsync(trigger.Event, cancellationToken);
        await DelayUntilAsync(at, trigger.Offset + extra, cancellationToken);
    }

    /// <summary>Waits until <paramref name="terminalTime"/> of terminal time has passed since the monotonic time <paramref name="fromNanoseconds"/>.</summary>
    public async Task DelayUntilAsync(long fromNanoseconds, TimeSpan terminalTime, CancellationToken cancellationToken)
    {
        var elapsed = TimeSpan.FromSeconds(Station.ToTerminalSeconds(fromNanoseconds, MonotonicTime.NowNanoseconds()));
        var remaining = terminalTime - elapsed;
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, Station.TerminalClock, cancellationToken);
    }

    /// <summary>True once the injection took effect (<see cref="Applied"/> was called).</summary>
    public bool HasApplied => Volatile.Read(ref applied) == 1;

    /// <summary>Puts the start of the injection's span on the timeline and marks the injection as in effect.</summary>
    public void Applied(string what, long? atNanoseconds = null)
    {
        Volatile.Write(ref applied, 1);
        Station.Timeline.Record(atNanoseconds ?? MonotonicTime.NowNanoseconds(), "injection", StationEventKinds.InjectionApplied, what);
    }

    /// <summary>Puts the end of the injection's span on the timeline.</summary>
    public void Released(string what, long? atNanoseconds = null) =>
        Station.Timeline.Record(atNanoseconds ?? MonotonicTime.NowNanoseconds(), "injection", StationEventKinds.InjectionReleased, what);

    internal void MarkPowerCut()
    {
        Volatile.Write(ref powerCycled, 1);
        TerminalPowerCut?.Invoke();
    }

    public string ParameterText => $"{Parameter.ToString("0.###", CultureInfo.InvariantCulture)} {Experiment.Kind.ParameterUnit}";
}
