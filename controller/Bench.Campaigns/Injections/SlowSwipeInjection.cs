using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Stations;
using Bench.Results;

namespace Bench.Campaigns.Injections;

/// <summary>
/// When the terminal prompts for the card, the servo swipes it with the parameter as its forward stroke time
/// instead of the station's normal swipe: the card crosses the reader that much slower. A swipe too slow for the
/// head is a read error, and the terminal waits on for a card until its card-read timer ends the sale.
/// </summary>
public sealed class SlowSwipeInjection : Injection
{
    public override bool DrivesTheSwipe => true;

    public override bool NoCardIsTerminalResult => true;

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        // The kind's trigger is fixed: the card prompt, no offset.
        await context.WaitForTriggerAsync(TimeSpan.Zero, cancellationToken);

        var station = context.Station;
        var normal = station.Rig.Definition.Servo?.StrokeTime;
        var started = MonotonicTime.NowNanoseconds();
        context.Applied($"servo stroke of {context.ParameterText} at the card prompt", started);
        await station.Rig.SwipeAsync(context.ParameterAsDuration, cancellationToken);
        var ended = MonotonicTime.NowNanoseconds();
        var normalText = normal is { } stroke
            ? string.Create(CultureInfo.InvariantCulture, $" (normal {stroke.TotalMilliseconds:0} ms)")
            : "";
        station.Timeline.Record(started, "rig", StationEventKinds.Swipe,
            string.Create(CultureInfo.InvariantCulture, $"servo stroke {context.ParameterAsDuration.TotalMilliseconds:0} ms terminal time{normalText}"));
        context.Events.Mark(TrialEventKinds.CardSwiped, ended);
        context.Released("swipe done", ended);
    }
}
