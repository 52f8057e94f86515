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
    private readonly ILogger logger = (ILogger?)logger ?? NullLogger.Instance;

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
        using var traffic = new HostTrafficObserver(station.Host);
        // A sale that outlives every timer the terminal has is the bench's problem, not the terminal's.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(TrialWatchdog.WallTimeBound(station.Terminal, station.TimeScale));
        TrialResult trial;
        try
        {
            station.Rig.EnterSafeState();
            await station.Rig.VerifyAsync(watchdog.Token);
            injection.Arm(station, baseRules, parameterValue);
            timeline.RecordNow("bench", StationEventKinds.InjectionArmed, trialName);
            var result = await SaleAsync(station, experiment.AmountMinorUnits, watchdog.Token);
            await Task.Delay(experiment.Settle, station.TerminalClock, watchdog.Token);
            trial = Reconcile(station, traffic, result, started);
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
                $"watchdog: the trial outlived its bound of {TrialWatchdog.WallTimeBound(station.Terminal, station.TimeScale).TotalSeconds:0.#} s wall time (every terminal timer twice over)");
        }
        catch (Exception error) when (IsRigFault(error) && !cancellationToken.IsCancellationRequested)
        {
            trial = RigFault(error, experiment, parameterValue, started, station.ToTerminalSeconds(started, MonotonicTime.NowNanoseconds()));
        }
        finally
        {
            injection.Disarm(station, baseRules);
            timeline.RecordNow("bench", StationEventKinds.InjectionDisarmed, trialName);
        }
        if (!trial.Outcome.IsDataPoint()) await RecoverAsync(station, cancellationToken);
        timeline.RecordNow("bench", StationEventKinds.TrialEnded,
            $"{trialName}: {trial.Outcome}, terminal {trial.TerminalResult ?? "-"}, net debit {trial.LedgerNetDebitMinorUnits}");
        return trial;
    }

    /// <summary>
    /// Starts the sale and swipes the card when the terminal prompts for it. A sale that ends
    /// before any prompt (BUSY, ERROR, a closed port) ends the wait at once; whatever happens, no
    /// sale is left waiting on the port when this returns.
    /// </summary>
    private static async Task<EcrSaleResult> SaleAsync(TestStation station, long amount, CancellationToken cancellationToken)
    {
        using var saleCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var mark = station.Ecr.LineCount;
        var sale = station.Ecr.SaleAsync(amount, saleCancellation.Token);
        try
        {
            var prompt = station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, saleCancellation.Token);
            if (await Task.WhenAny(prompt, sale) == prompt)
            {
                await prompt;
                // Stamped here on the bench's monotonic clock: the pulse's own times are on the rig's (scaled) clock.
                var swipeStarted = MonotonicTime.NowNanoseconds();
                await station.Rig.SwipeAsync(cancellationToken);
                station.Timeline.Record(swipeStarted, "rig", StationEventKinds.Swipe,
                    $"solenoid pulse, dwell {station.Rig.Definition.Swipe?.Dwell.TotalMilliseconds:0} ms terminal time");
            }
            return await sale;
        }
        finally
        {
            saleCancellation.Cancel();
            await ((Task)sale).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Power-cycles the terminal through the rig and waits for it to be ready again (also what clears a firmware fault).</summary>
    private async Task RecoverAsync(TestStation station, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RecoveryWallTimeout);
        try
        {
            var mark = station.Ecr.LineCount;
            await station.Rig.SetTerminalPowerAsync(false, limit.Token);
            await station.Rig.SetTerminalPowerAsync(true, limit.Token);
            await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, mark, limit.Token);
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

    private static TrialResult Reconcile(TestStation station, HostTrafficObserver traffic, EcrSaleResult result, long started)
    {
        var request = result.Stan is { } stan ? traffic.Find(FrameDirection.Received, MessageTypes.FinancialRequest, stan) : null;
        var reply = request?.Message?.Stan is { } requestStan ? traffic.Find(FrameDirection.Sent, MessageTypes.FinancialResponse, requestStan) : null;

        // Time to result runs from the moment the host had the sale request; without one, from the ECR command.
        var fromNanoseconds = request?.TimestampNanoseconds ?? MonotonicTime.ToNanoseconds(result.CommandTimestamp);
        var toResult = station.ToTerminalSeconds(fromNanoseconds, MonotonicTime.ToNanoseconds(result.ResultTimestamp));
        double? requestToReply = request is not null && reply is not null
            ? station.ToTerminalSeconds(request.TimestampNanoseconds, reply.TimestampNanoseconds)
            : null;
        var netDebit = request?.Message is { } message ? station.Host.Ledger.NetDebit(RequestCheck.Key(message)) : 0;

        var outcome = Outcome(result.Outcome);
        return new TrialResult(outcome, toResult, requestToReply, netDebit)
        {
            TerminalResult = result.Outcome.ToString(),
            RigFault = outcome == TrialOutcome.RigFault ? $"the terminal answered {result.Outcome}: the swipe or the station failed" : null,
            Stan = result.Stan,
            ReversalsSent = result.ReversalsSent,
            StartedNanoseconds = started,
            EndedNanoseconds = MonotonicTime.NowNanoseconds(),
        };
    }

    /// <summary>What the terminal showed, in the search's terms: a failure with an unknown money outcome is a timeout.</summary>
    private static TrialOutcome Outcome(EcrSaleOutcome outcome) => outcome switch
    {
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
