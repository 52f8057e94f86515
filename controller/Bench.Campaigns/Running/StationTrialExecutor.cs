using Bench.Campaigns.Experiments;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Running;

/// <summary>
/// Runs one trial on a <see cref="TestStation"/>, as on the real rig: rig to its safe state, arm
/// the injection, start a sale through the ECR port, swipe when the terminal prompts, observe
/// until the terminal's result plus the settle window, reconcile with the host's ledger.
/// Anything the rig or the bench got wrong (a relay, the serial port, a missing prompt, a station
/// that will not boot) is a rig fault, never a terminal result; after one the terminal is
/// power-cycled so the next trial starts from a terminal that is not still inside a sale.
/// </summary>
public sealed class StationTrialExecutor(
    ITestStationFactory stations,
    HostRuleSet baseRules,
    InjectionCatalogue injections,
    ILogger<StationTrialExecutor>? logger = null) : ITrialExecutor
{
    private static readonly TimeSpan RecoveryWallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long after a power cut a result already written by the terminal may take to reach the bench (wall time).</summary>
    private static readonly TimeSpan ResultInFlightAfterPowerCut = TimeSpan.FromMilliseconds(250);
    private readonly ILogger logger = (ILogger?)logger ?? NullLogger.Instance;
    private int trialCounter;

    public async Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken)
    {
        var injection = injections.For(experiment.Kind);
        var started = MonotonicTime.NowNanoseconds();
        TestStation station;
        try
        {
            station = await stations.OpenAsync(experiment.Terminal, cancellationToken);
        }
        catch (Exception error) when (IsRigFault(error) && !cancellationToken.IsCancellationRequested)
        {
            return RigFault(error, experiment, parameterValue, started, terminalSeconds: 0);
        }

        var timeline = station.Timeline;
        var trialName = $"{experiment.Name}: {experiment.Kind.ParameterName} = {parameterValue:0.###} {experiment.Kind.ParameterUnit}";
        timeline.Record(started, "bench", StationEventKinds.TrialStarted, trialName);
        using var supplyCurrent = station.SupplyCurrent?.Begin();
        using var traffic = new HostTrafficObserver(station.Host);
        using var events = new TrialEvents(station);
        // A sale that outlives every timer the terminal has is the bench's problem, not the terminal's.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(TrialWatchdog.WallTimeBound(station.Terminal, station.TimeScale, experiment));
        using var saleEnded = new CancellationTokenSource();
        using var injectionStop = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token);
        var seed = HashCode.Combine(experiment.Name, parameterValue, ++trialCounter);
        var context = new InjectionContext(station, baseRules, experiment, parameterValue, events, seed, saleEnded.Token);
        Task injectionRun = Task.CompletedTask;
        IReadOnlyList<string> flushedReversals = [];
        TrialResult trial;
        try
        {
            station.Rig.EnterSafeState();
            await station.Rig.VerifyAsync(watchdog.Token);
            flushedReversals = await FlushPendingReversalAsync(station, experiment.AmountMinorUnits, watchdog.Token);
            events.Begin(MonotonicTime.NowNanoseconds());
            station.Carrier?.Reseed(seed);
            await injection.ArmAsync(context, watchdog.Token);
            timeline.RecordNow("bench", StationEventKinds.InjectionArmed, trialName);
            injectionRun = injection.RunAsync(context, injectionStop.Token);
            var readyMark = station.Ecr.LineCount;
            var sale = await SaleAsync(station, experiment.AmountMinorUnits, injection, context, events, injectionRun, watchdog.Token);
            await saleEnded.CancelAsync();
            await Task.Delay(experiment.Settle, station.TerminalClock, watchdog.Token);
            // An injection already in effect runs its course (it restores what it cut); one whose moment
            // never came before the sale ended is moot and stops here.
            if (!context.HasApplied) await injectionStop.CancelAsync();
            try
            {
                await injectionRun;
            }
            catch (OperationCanceledException) when (injectionStop.IsCancellationRequested && !watchdog.IsCancellationRequested)
            {
                // Stopped before its trigger: nothing was injected after the sale.
            }
            if (context.TerminalPowerCycled) await WaitUntilReadyAsync(station, readyMark, watchdog.Token);
            trial = Reconcile(station, traffic, sale, started, injection, experiment.AmountMinorUnits,
                events.TimeOf(TrialEventKinds.EcrSaleSent) ?? events.TimeOf(TrialEventKinds.Start) ?? started);
            trial = trial with { ReversalsSent = [.. flushedReversals, .. trial.ReversalsSent] };
            if (station.MediumFault() is { } broken)
            {
                // The bench's side of the link failed: whatever the terminal showed says nothing about it.
                trial = Invalid(experiment, parameterValue, started, trial.TimeToResultSeconds, "medium fault: " + broken) with
                {
                    TerminalResult = trial.TerminalResult,
                };
            }
        }
        catch (EcrProtocolException error) when (error.Line?.Text == EcrProtocol.FirmwareFault)
        {
            // The terminal's software stopped (on the simulated rig: an I/O error on its flash): the trial
            // did not run as intended, so it is no data point. Recorded with its reason, excluded, repeated.
            trial = Invalid(experiment, parameterValue, started, station.ToTerminalSeconds(started, MonotonicTime.NowNanoseconds()),
                "firmware fault: the terminal answered ERROR FIRMWARE FAULT and stopped (its console says why); power-cycled") with { TerminalResult = "FirmwareFault" };
        }
        catch (OperationCanceledException) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            trial = Invalid(experiment, parameterValue, started, station.ToTerminalSeconds(started, MonotonicTime.NowNanoseconds()),
                $"watchdog: the trial outlived its bound of {TrialWatchdog.WallTimeBound(station.Terminal, station.TimeScale, experiment).TotalSeconds:0.#} s wall time (every terminal timer twice over)");
        }
        catch (Exception error) when (IsRigFault(error) && !cancellationToken.IsCancellationRequested)
        {
            trial = RigFault(error, experiment, parameterValue, started, station.ToTerminalSeconds(started, MonotonicTime.NowNanoseconds()));
        }
        finally
        {
            await saleEnded.CancelAsync();
            await injectionStop.CancelAsync();
            await injectionRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            injection.Disarm(context);
            timeline.RecordNow("bench", StationEventKinds.InjectionDisarmed, trialName);
        }
        if (!trial.Outcome.IsDataPoint()) await RecoverAsync(station, cancellationToken);
        timeline.RecordNow("bench", StationEventKinds.TrialEnded,
            $"{trialName}: {trial.Outcome}, terminal {trial.TerminalResult ?? "-"}, net debit {trial.LedgerNetDebitMinorUnits}");
        return trial;
    }

    /// <summary>
    /// Starts the sale and swipes the card when the terminal prompts for it (unless the injection swipes).
    /// A sale that ends before any prompt (BUSY, ERROR, a closed port) ends the wait at once; a power cut
    /// by the injection ends it too (a dead terminal prints no result). Whatever happens, no sale is left
    /// waiting on the port when this returns.
    /// </summary>
    private static async Task<SaleObservation> SaleAsync(
        TestStation station, long amount, Injection injection, InjectionContext context, TrialEvents events, Task injectionRun,
        CancellationToken cancellationToken)
    {
        using var saleCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var powerCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPowerCut() => powerCut.TrySetResult();
        context.TerminalPowerCut += OnPowerCut;
        var mark = station.Ecr.LineCount;
        events.Mark(TrialEventKinds.EcrSaleSent, MonotonicTime.NowNanoseconds());
        var sale = station.Ecr.SaleAsync(amount, saleCancellation.Token);
        // Only the injection's failure ends the wait early; its normal end does not.
        var injectionFailed = FailureOf(injectionRun, saleCancellation.Token);
        try
        {
            if (!injection.DrivesTheSwipe)
            {
                var prompt = station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, saleCancellation.Token);
                if (await Task.WhenAny(prompt, sale, powerCut.Task, injectionFailed) == prompt)
                {
                    await prompt;
                    // Stamped here on the bench's monotonic clock: the pulse's own times are on the rig's (scaled) clock.
                    var swipeStarted = MonotonicTime.NowNanoseconds();
                    var byOperator = await SwipeCardAsync(station, cancellationToken);
                    events.Mark(TrialEventKinds.CardSwiped, MonotonicTime.NowNanoseconds());
                    if (!byOperator)
                        station.Timeline.Record(swipeStarted, "rig", StationEventKinds.Swipe, SwipeDescription(station.Rig.Definition));
                }
            }

            var first = await Task.WhenAny(sale, powerCut.Task, injectionFailed);
            if (first == sale) return new SaleObservation(await sale, PowerLost: false, MonotonicTime.NowNanoseconds());
            if (first == powerCut.Task)
            {
                // A result the terminal finished before its power went may still be on its way up the ECR line (a long
                // line takes over 100 ms at 9600 baud; on the simulated rig, the pty and the reading loop): it is the
                // sale's result. A dead terminal writes nothing new, so whatever arrives in this window was written before.
                var inFlight = await Task.WhenAny(sale, Task.Delay(ResultInFlightAfterPowerCut, cancellationToken));
                if (inFlight == sale && sale.IsCompletedSuccessfully) return new SaleObservation(await sale, PowerLost: false, MonotonicTime.NowNanoseconds());
                return new SaleObservation(null, PowerLost: true, MonotonicTime.NowNanoseconds());
            }
            await injectionFailed;
            throw new InvalidOperationException("unreachable: the injection's failure task only ends by failing");
        }
        finally
        {
            context.TerminalPowerCut -= OnPowerCut;
            saleCancellation.Cancel();
            await ((Task)sale).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// A reversal left pending by the previous trial would go out before this trial's sale, under this
    /// trial's injection (a data quota, a weak signal), and spoil its measurement. A clean sale without any
    /// injection sends it first, as the next customer's would; the trial then starts from a clean terminal.
    /// </summary>
    /// <returns>The STANs of the reversals the flush sale sent.</returns>
    internal static async Task<IReadOnlyList<string>> FlushPendingReversalAsync(TestStation station, long amount, CancellationToken cancellationToken)
    {
        // A dialect without a status command cannot say whether a reversal is pending: it goes with the trial's sale.
        if (!station.Ecr.SupportsStatus) return [];
        var status = await station.Ecr.StatusAsync(cancellationToken);
        // "STATUS <state> REVERSAL <stan or NONE>" (EcrProtocol.StatusReport).
        if (status.Text.EndsWith(" REVERSAL NONE", StringComparison.Ordinal)) return [];
        station.Timeline.RecordNow("bench", StationEventKinds.FlushSale, "a clean sale sends the reversal the previous trial left pending: " + status.Text);
        var mark = station.Ecr.LineCount;
        var sale = station.Ecr.SaleAsync(amount, cancellationToken);
        var prompt = station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, cancellationToken);
        if (await Task.WhenAny(prompt, sale) == prompt) await SwipeCardAsync(station, cancellationToken);
        var result = await sale;
        station.Timeline.RecordNow("bench", StationEventKinds.FlushSale, $"flush sale {result.Outcome}, reversals sent: {string.Join(" ", result.ReversalsSent)}");
        return result.ReversalsSent;
    }

    /// <summary>The instruction an operator gets on a rig without a swipe solenoid.</summary>
    internal const string SwipeInstruction = "Swipe the test card now, then press Enter";

    /// <summary>How the rig's swiper moves the card, for the timeline.</summary>
    internal static string SwipeDescription(RigDefinition rig) => rig.Swiper == SwiperKind.Servo
        ? $"servo stroke {rig.Servo?.StrokeTime.TotalMilliseconds:0} ms terminal time"
        : $"solenoid pulse, dwell {rig.Swipe?.Dwell.TotalMilliseconds:0} ms terminal time";

    /// <summary>
    /// Swipes the test card with the rig's swiper (the solenoid or the servo its file chooses), or on a rig without
    /// one the operator (an unattended run has none: a rig fault). True when the operator did it.
    /// </summary>
    private static async Task<bool> SwipeCardAsync(TestStation station, CancellationToken cancellationToken)
    {
        if (station.Rig.Definition.HasSwiper)
        {
            await station.Rig.SwipeAsync(cancellationToken);
            return false;
        }
        await station.Operator.PerformAsync(SwipeInstruction, station.Timeline, cancellationToken);
        return true;
    }

    /// <summary>A task that fails when <paramref name="run"/> fails and otherwise waits until cancelled.</summary>
    private static async Task FailureOf(Task run, CancellationToken cancellationToken)
    {
        await run;
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>After an injected power cut: the terminal boots and signs on again before the next trial.</summary>
    private static async Task WaitUntilReadyAsync(TestStation station, int mark, CancellationToken cancellationToken)
    {
        await station.Ecr.WaitUntilReadyAsync(mark, cancellationToken);
    }

    /// <summary>What the bench saw of the sale: the terminal's result, or that its power went first.</summary>
    private sealed record SaleObservation(EcrSaleResult? Result, bool PowerLost, long EndedNanoseconds);

    /// <summary>Power-cycles the terminal through the rig and waits for it to be ready again (also what clears a firmware fault).</summary>
    private async Task RecoverAsync(TestStation station, CancellationToken cancellationToken)
    {
        try
        {
            await TerminalPowerUp.PowerCycleAsync(station, RecoveryWallTimeout, cancellationToken);
            station.Timeline.RecordNow("bench", StationEventKinds.TerminalRecovered, "terminal power-cycled after a rig fault");
        }
        catch (Exception error) when (IsRigFault(error) && !cancellationToken.IsCancellationRequested)
        {
            // The next trial will fault too and the search gives up after two in a row.
            logger.LogWarning("Could not recover {Model} after a rig fault: {Reason}", station.Terminal.Model, PanMask.MaskText(error.Message));
        }
    }

    private TrialResult RigFault(Exception error, ExperimentDefinition experiment, double parameterValue, long started, double terminalSeconds)
    {
        // Exception texts may quote what a terminal printed; nothing unmasked leaves this method.
        var reason = PanMask.MaskText($"{error.GetType().Name}: {error.Message}");
        logger.LogWarning("Trial {Experiment} at {Parameter} on {Model} is a rig fault: {Reason}",
            experiment.Name, parameterValue, experiment.Terminal.Model, reason);
        return new TrialResult(TrialOutcome.RigFault, terminalSeconds, null, 0)
        {
            RigFault = reason,
            StartedNanoseconds = started,
            EndedNanoseconds = MonotonicTime.NowNanoseconds(),
        };
    }

    private TrialResult Invalid(ExperimentDefinition experiment, double parameterValue, long started, double terminalSeconds, string reason)
    {
        logger.LogWarning("Trial {Experiment} at {Parameter} on {Model} is invalid: {Reason}",
            experiment.Name, parameterValue, experiment.Terminal.Model, reason);
        return new TrialResult(TrialOutcome.Invalid, terminalSeconds, null, 0)
        {
            RigFault = reason,
            StartedNanoseconds = started,
            EndedNanoseconds = MonotonicTime.NowNanoseconds(),
        };
    }

    private TrialResult Reconcile(
        TestStation station, HostTrafficObserver traffic, SaleObservation sale, long started, Injection injection, long amount, long saleStarted)
    {
        var result = sale.Result;
        // Matched on the host side (terminal, amount, first after the sale started); the ECR's STAN, when the dialect prints one, is a cross-check.
        var correlation = SaleCorrelator.Correlate(traffic.Frames, station.Terminal.TerminalId, amount, saleStarted, result?.Stan, logger);
        var request = correlation.Request;
        var reply = correlation.Reply;

        // Time to result runs from the moment the host had the sale request; without one, from the ECR command.
        var resultNanoseconds = result is null ? sale.EndedNanoseconds : MonotonicTime.ToNanoseconds(result.ResultTimestamp);
        var fromNanoseconds = request?.TimestampNanoseconds ?? (result is null ? started : MonotonicTime.ToNanoseconds(result.CommandTimestamp));
        var toResult = station.ToTerminalSeconds(fromNanoseconds, resultNanoseconds);
        double? requestToReply = request is not null && reply is not null
            ? station.ToTerminalSeconds(request.TimestampNanoseconds, reply.TimestampNanoseconds)
            : null;
        var key = correlation.LedgerKey;
        var netDebit = key is { } saleKey ? station.Host.Ledger.NetDebit(saleKey) : 0;

        // A terminal whose power went mid-sale showed nothing: the money outcome is unknown, as after a timeout.
        var outcome = result is null ? TrialOutcome.Timeout : Outcome(result.Outcome, injection);
        return new TrialResult(outcome, toResult, requestToReply, netDebit)
        {
            TerminalResult = result?.Outcome.ToString() ?? "PowerLost",
            RigFault = outcome == TrialOutcome.RigFault ? $"the terminal answered {result?.Outcome}: the swipe or the station failed" : null,
            Stan = correlation.Stan,
            LedgerKey = key,
            ReversalsSent = result?.ReversalsSent ?? [],
            RequestBytes = request is null ? null : request.Body.Length + 2,
            ReplyBytes = reply is null ? null : reply.Body.Length + 2,
            StartedNanoseconds = started,
            EndedNanoseconds = MonotonicTime.NowNanoseconds(),
        };
    }

    /// <summary>What the terminal showed, in the search's terms: a failure with an unknown money outcome is a timeout.</summary>
    private static TrialOutcome Outcome(EcrSaleOutcome outcome, Injection injection) => outcome switch
    {
        // A swipe that came too late is the terminal's card-read timeout at work.
        EcrSaleOutcome.NoCard when injection.NoCardIsTerminalResult => TrialOutcome.Timeout,
        EcrSaleOutcome.Approved => TrialOutcome.Approved,
        EcrSaleOutcome.Declined => TrialOutcome.Declined,
        EcrSaleOutcome.Timeout or EcrSaleOutcome.CommunicationError or EcrSaleOutcome.MacError => TrialOutcome.Timeout,
        // No card read or a busy terminal means the rig did not do its part.
        _ => TrialOutcome.RigFault,
    };

    private static bool IsRigFault(Exception error) =>
        error is RigFaultException or EcrProtocolException or IOException or OperationCanceledException or UnauthorizedAccessException
            or InvalidOperationException;
}
