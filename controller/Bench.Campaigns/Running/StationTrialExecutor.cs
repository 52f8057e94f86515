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
/// Anything the rig or the bench got wrong (a relay, the serial port, a missing prompt) is a
/// rig fault, never a terminal result.
/// </summary>
public sealed class StationTrialExecutor(
    ITestStationFactory stations,
    HostRuleSet baseRules,
    InjectionCatalogue injections,
    ILogger<StationTrialExecutor>? logger = null) : ITrialExecutor
{
    private readonly ILogger logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken)
    {
        var injection = injections.For(experiment.Kind);
        var station = await stations.OpenAsync(experiment.Terminal, cancellationToken);
        var started = MonotonicTime.NowNanoseconds();
        using var traffic = new HostTrafficObserver(station.Host);
        // A sale that outlives every timer the terminal has is the bench's problem, not the terminal's.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(WallTimeBound(station));
        var timeline = station.Timeline;
        var trialName = $"{experiment.Name}: {experiment.Kind.ParameterName} = {parameterValue:0.###} {experiment.Kind.ParameterUnit}";
        timeline.Record(started, "bench", StationEventKinds.TrialStarted, trialName);
        TrialResult trial;
        try
        {
            station.Rig.EnterSafeState();
            await station.Rig.VerifyAsync(watchdog.Token);
            injection.Arm(station, baseRules, parameterValue);
            timeline.RecordNow("bench", StationEventKinds.InjectionArmed, trialName);

            var mark = station.Ecr.LineCount;
            var sale = station.Ecr.SaleAsync(experiment.AmountMinorUnits, watchdog.Token);
            await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, watchdog.Token);
            var pulse = await station.Rig.SwipeAsync(watchdog.Token);
            timeline.Record(MonotonicTime.ToNanoseconds(pulse.StartTimestamp), "rig", StationEventKinds.Swipe,
                $"solenoid pulse {(MonotonicTime.ToNanoseconds(pulse.EndTimestamp) - MonotonicTime.ToNanoseconds(pulse.StartTimestamp)) / 1e6:0.0} ms");
            var result = await sale;

            await Task.Delay(experiment.Settle, station.TerminalClock, watchdog.Token);
            trial = Reconcile(station, traffic, result, started);
        }
        catch (Exception error) when (IsRigFault(error) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Trial at {Parameter} on {Model} is a rig fault", parameterValue, station.Terminal.Model);
            trial = new TrialResult(TrialOutcome.RigFault, station.ToTerminalSeconds(started, MonotonicTime.NowNanoseconds()), null, 0)
            {
                RigFault = error.Message,
                StartedNanoseconds = started,
                EndedNanoseconds = MonotonicTime.NowNanoseconds(),
            };
        }
        finally
        {
            injection.Disarm(station, baseRules);
            timeline.RecordNow("bench", StationEventKinds.InjectionDisarmed, trialName);
        }
        timeline.RecordNow("bench", StationEventKinds.TrialEnded,
            $"{trialName}: {trial.Outcome}, terminal {trial.TerminalResult ?? "-"}, net debit {trial.LedgerNetDebitMinorUnits}");
        return trial;
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

        long netDebit = 0;
        if (request?.Message is { } message && message[60] is { } field60)
        {
            netDebit = station.Host.Ledger.NetDebit(new LedgerKey(message.Required(41), Field60.Parse(field60).Batch, message.Required(11)));
        }

        return new TrialResult(Outcome(result.Outcome), toResult, requestToReply, netDebit)
        {
            TerminalResult = result.Outcome.ToString(),
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
        error is RigFaultException or EcrProtocolException or IOException or OperationCanceledException or UnauthorizedAccessException;

    /// <summary>Card read, connect and response timers for the sale and every reversal attempt, twice over, in wall time.</summary>
    private static TimeSpan WallTimeBound(TestStation station)
    {
        var profile = station.Terminal;
        var attempts = profile.ReversalResendCount + 2;
        var terminalTime = profile.CardReadTimeout + (profile.ConnectTimeout + profile.ResponseTimeout) * attempts;
        return terminalTime * 2 / station.TimeScale + TimeSpan.FromSeconds(5);
    }
}
