using System.Collections.Concurrent;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>
/// The first occurrence of each <see cref="TrialEventKinds"/> event in one trial, on the bench's
/// monotonic clock, stamped where it was observed (the ECR reader, the console reader, the host's socket threads).
/// The profile's console rules turn console lines into events too (first occurrence wins, whoever saw it). Injections
/// await them as triggers. Listens from <see cref="Begin"/>; dispose to stop listening.
/// </summary>
public sealed class TrialEvents : IDisposable
{
    private readonly TestStation station;
    private readonly ConsoleEventRules consoleRules;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> events = new(StringComparer.Ordinal);

    private bool listening;

    public TrialEvents(TestStation station)
    {
        this.station = station;
        consoleRules = new ConsoleEventRules(station.Terminal.ConsoleRules);
        foreach (var kind in TrialEventKinds.All)
        {
            events[kind] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The trial proper starts: what happened before (a flush sale) is not one of its events.</summary>
    public void Begin(long startedNanoseconds)
    {
        Mark(TrialEventKinds.Start, startedNanoseconds);
        station.Ecr.LineReceived += OnEcrLine;
        if (!consoleRules.IsEmpty) station.Console.LineCaptured += OnConsoleLine;
        station.Host.FrameReceived += OnHostFrame;
        station.Host.FrameSent += OnHostFrame;
        listening = true;
    }

    /// <summary>Records <paramref name="kind"/> at <paramref name="nanoseconds"/> unless it already happened in this trial.</summary>
    public void Mark(string kind, long nanoseconds)
    {
        if (events[kind].TrySetResult(nanoseconds))
        {
            station.Timeline.Record(nanoseconds, "bench", StationEventKinds.TrialEvent, kind);
        }
    }

    /// <summary>When <paramref name="kind"/> happened, or null when it has not (yet).</summary>
    public long? TimeOf(string kind) =>
        events[kind].Task.IsCompletedSuccessfully ? events[kind].Task.Result : null;

    /// <summary>Waits for <paramref name="kind"/>; returns its monotonic timestamp in nanoseconds.</summary>
    public Task<long> WaitAsync(string kind, CancellationToken cancellationToken) =>
        events[kind].Task.WaitAsync(cancellationToken);

    public void Dispose()
    {
        if (!listening) return;
        station.Ecr.LineReceived -= OnEcrLine;
        station.Console.LineCaptured -= OnConsoleLine;
        station.Host.FrameReceived -= OnHostFrame;
        station.Host.FrameSent -= OnHostFrame;
    }

    private void OnEcrLine(EcrLine line)
    {
        var kind = line.Kind switch
        {
            EcrLineKind.PromptCard => TrialEventKinds.CardPrompted,
            EcrLineKind.Connected => TrialEventKinds.ModemConnected,
            _ => null,
        };
        if (kind is not null) Mark(kind, MonotonicTime.ToNanoseconds(line.Timestamp));
    }

    private void OnConsoleLine(TimestampedLine line)
    {
        if (consoleRules.EventFor(line.Text) is { } kind) Mark(kind, MonotonicTime.ToNanoseconds(line.Timestamp));
    }

    private void OnHostFrame(object? sender, FrameRecord frame)
    {
        // The host may serve other terminals (background load): only this station's terminal counts.
        if (frame.Message is not { } message || message[41] is { } terminal && terminal != station.Terminal.TerminalId) return;
        if (frame.Direction == FrameDirection.Received && message.Mti == MessageTypes.FinancialRequest)
            Mark(TrialEventKinds.HostReceivedRequest, frame.TimestampNanoseconds);
        else if (frame.Direction == FrameDirection.Sent && message.Mti == MessageTypes.FinancialResponse)
            Mark(TrialEventKinds.HostSentReply, frame.TimestampNanoseconds);
    }
}
