using Bench.Campaigns.Experiments;
using Bench.Campaigns.Stations;
using Bench.Hardware;
using Bench.Results;

namespace Bench.Campaigns.Injections;

/// <summary>
/// The card is swiped the parameter's seconds after the terminal prompted for it; once the sale has
/// ended (the terminal gave up waiting) the swiper does not move at all.
/// </summary>
public sealed class LateSwipeInjection : Injection
{
    public override bool DrivesTheSwipe => true;

    public override bool NoCardIsTerminalResult => true;

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var prompted = await context.Events.WaitAsync(TrialEventKinds.CardPrompted, cancellationToken);
        using var untilSaleEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.SaleEnded);
        try
        {
            await context.DelayUntilAsync(prompted, context.ParameterAsDuration, untilSaleEnds.Token);
        }
        catch (OperationCanceledException) when (context.SaleEnded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var station = context.Station;
        var started = MonotonicTime.NowNanoseconds();
        context.Applied($"swipe {context.ParameterText} after the card prompt", started);
        await station.Rig.SwipeAsync(cancellationToken);
        var ended = MonotonicTime.NowNanoseconds();
        station.Timeline.Record(started, "rig", StationEventKinds.Swipe, Running.StationTrialExecutor.SwipeDescription(station.Rig.Definition));
        context.Events.Mark(TrialEventKinds.CardSwiped, ended);
        context.Released("swipe done", ended);
    }
}
