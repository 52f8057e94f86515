using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Codec;
using Bench.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Host;

/// <summary>
/// The acquirer host the terminals talk to: a TCP listener serving many terminals at once, one
/// read loop per connection. A <see cref="HostRuleSet"/> decides each request's fate; the
/// <see cref="Ledger"/> books what was taken; every frame, protocol error and connection change is
/// raised as an event and, when a recorder is given, recorded without delaying any reply.
/// </summary>
public sealed class HostSimulator : IAsyncDisposable
{
    private const string EventSource = "host";
    private readonly FrameRecorder? recorder;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, (HostConnection Connection, Task Running)> connections = new();
    private TcpListener? listener;
    private Task? acceptLoop;
    private HostRuleSet rules;
    private HostCapacity? capacity;
    // The live pool of the capacity in force, rebuilt when the capacity changes; requests already queued keep theirs.
    private AuthorizationWorkers? workers;
    private readonly Lock workersGate = new();
    private long connectionCount;

    /// <param name="clock">Reply delays and reply times run on it; a simulated rig passes its scaled terminal clock.</param>
    public HostSimulator(
        HostOptions? options = null,
        HostRuleSet? rules = null,
        TimeProvider? clock = null,
        FrameRecorder? recorder = null,
        Ledger? ledger = null,
        ILogger? logger = null)
    {
        Options = options ?? new HostOptions();
        Options.Validate();
        this.rules = rules ?? HostRuleSet.ApproveAll;
        Clock = clock ?? TimeProvider.System;
        this.recorder = recorder;
        this.logger = logger ?? NullLogger.Instance;
        Ledger = ledger ?? new Ledger();
        Authorizer = new Authorizer(Ledger, Clock, Options);
        Terminals = new TerminalConnections(Clock);
        if (recorder is not null) Ledger.EntryAdded += RecordLedgerEntry;
    }

    public HostOptions Options { get; }
    public TimeProvider Clock { get; }
    public Ledger Ledger { get; }
    public Authorizer Authorizer { get; }

    internal TerminalConnections Terminals { get; }

    /// <summary>How often each request has been received, for rules that match only a first attempt or a resend.</summary>
    public RequestOccurrences Occurrences { get; } = new();

    /// <summary>
    /// The host's authorisation capacity: how many requests it serves at once and for how long each
    /// (peak-hour queueing). Null (the default) defers to the rule set's <see cref="HostRuleSet.Capacity"/>,
    /// which is unlimited unless the rule file says otherwise. Change it at any time; requests already
    /// queued finish under the capacity they queued for.
    /// </summary>
    public HostCapacity? Capacity
    {
        get => Volatile.Read(ref capacity);
        set => Volatile.Write(ref capacity, value);
    }

    /// <summary>Late replies waiting for a terminal's next connection.</summary>
    public int ParkedLateReplies => Terminals.ParkedReplies;

    /// <summary>The worker pool of the capacity in force now (the host's own, else the rule set's), or null when unlimited.</summary>
    public AuthorizationWorkers? CurrentWorkers()
    {
        var wanted = Capacity ?? Rules.Capacity;
        if (wanted is null) return null;
        lock (workersGate)
        {
            // An equal capacity set again keeps its pool and queue: only a changed capacity starts afresh.
            if (workers is null || workers.Capacity != wanted) workers = new AuthorizationWorkers(wanted, Clock);
            return workers;
        }
    }

    /// <summary>The rules in force; swap them between trials. Requests already being handled keep theirs.</summary>
    public HostRuleSet Rules
    {
        get => Volatile.Read(ref rules);
        set => Volatile.Write(ref rules, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The bound address and port (the ephemeral port when <see cref="HostOptions.Port"/> is 0).</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)listener?.LocalEndpoint ?? throw new InvalidOperationException("the host is not started");

    public int OpenConnections => connections.Count;

    /// <summary>Raised for each frame read off a connection, decodable or not, in the reading thread. Keep handlers quick.</summary>
    public event EventHandler<FrameRecord>? FrameReceived;

    /// <summary>
    /// Raised for each reply frame just before it is written, so it is recorded before the peer can
    /// read it. Handlers run between the frame's timestamp and the write: keep them quick. When the
    /// write then fails, a reply-not-delivered event follows.
    /// </summary>
    public event EventHandler<FrameRecord>? FrameSent;

    /// <summary>Raised when a peer breaks the wire format; its connection is then closed.</summary>
    public event EventHandler<ProtocolError>? ProtocolErrorDetected;

    /// <summary>Raised with the connection id and the peer's address.</summary>
    public event EventHandler<(string ConnectionId, string Remote)>? ConnectionOpened;

    /// <summary>Raised with the connection id and why it closed.</summary>
    public event EventHandler<(string ConnectionId, string Reason)>? ConnectionClosed;

    /// <summary>Binds the listener (a bind failure throws here, before anything runs) and starts accepting.</summary>
    public void Start()
    {
        if (listener is not null) throw new InvalidOperationException("the host is already started");
        var tcp = new TcpListener(Options.ListenAddress, Options.Port);
        tcp.Start(Options.ListenBacklog);
        listener = tcp;
        acceptLoop = AcceptLoopAsync(tcp);
        logger.LogInformation("Host listening on {EndPoint} with rules {Rules}", LocalEndPoint, Rules.Name);
    }

    /// <summary>Stops accepting, closes every connection (cancelling held replies) and waits for them.</summary>
    public async Task StopAsync()
    {
        if (stopping.IsCancellationRequested) return;
        await stopping.CancelAsync().ConfigureAwait(false);
        listener?.Stop();
        if (acceptLoop is not null) await acceptLoop.ConfigureAwait(false);
        foreach (var (connection, _) in connections.Values) connection.Abort();
        await Task.WhenAll(connections.Values.Select(c => c.Running)).ConfigureAwait(false);
        Terminals.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (recorder is not null) Ledger.EntryAdded -= RecordLedgerEntry;
        // Every connection and its held replies are done, so nothing signs a reply any more.
        Authorizer.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener tcp)
    {
        var backoff = new AcceptBackoff();
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await tcp.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException exception)
            {
                // Not worth stopping for (a peer that reset before we accepted it), but a failure that
                // persists (out of file descriptors) must not spin: pause, longer while it lasts.
                var pause = backoff.Failed();
                if (backoff.ShouldWarn)
                    logger.LogWarning(exception, "Accept failed ({Failures} in a row); pausing {Pause} ms before the next", backoff.ConsecutiveFailures, pause.TotalMilliseconds);
                try
                {
                    await Task.Delay(pause, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            backoff.Succeeded();
            // Replies are small and latency is what the bench measures: never wait for Nagle.
            socket.NoDelay = true;
            var id = "c" + Interlocked.Increment(ref connectionCount).ToString(CultureInfo.InvariantCulture);
            var connection = new HostConnection(this, socket, id, stopping.Token);
            var running = Task.Run(connection.RunAsync);
            connections[id] = (connection, running);
            _ = running.ContinueWith(_ => connections.TryRemove(id, out var _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    internal void OnFrame(FrameRecord frame)
    {
        recorder?.Record(frame);
        Raise(frame.Direction == FrameDirection.Received ? FrameReceived : FrameSent, frame);
    }

    internal void OnProtocolError(ProtocolError error)
    {
        recorder?.RecordProtocolError(error, EventSource);
        logger.LogWarning("Protocol error on {Connection}: {Element} at byte {Offset}: {Reason}", error.ConnectionId, error.Element, error.Offset, error.Reason);
        Raise(ProtocolErrorDetected, error);
    }

    internal void OnConnectionOpened(string id, string remote)
    {
        recorder?.Record(new EventRecord(MonotonicTime.NowNanoseconds(), EventSource, EventKinds.ConnectionOpened,
            EventDetail.Json(("connection", id), ("remote", remote))) { ConnectionId = id });
        Raise(ConnectionOpened, (id, remote));
    }

    internal void OnConnectionClosed(string id, string reason)
    {
        recorder?.Record(new EventRecord(MonotonicTime.NowNanoseconds(), EventSource, EventKinds.ConnectionClosed,
            EventDetail.Json(("connection", id), ("reason", reason))) { ConnectionId = id });
        Raise(ConnectionClosed, (id, reason));
    }

    internal void OnIdleTimeout(string id, TimeSpan allowance) =>
        recorder?.Record(new EventRecord(MonotonicTime.NowNanoseconds(), EventSource, EventKinds.IdleTimeout,
            EventDetail.Json(("connection", id), ("allowance_seconds", allowance.TotalSeconds))) { ConnectionId = id });

    internal void OnReplyNotDelivered(string id, IsoMessage request, string reason) =>
        recorder?.Record(new EventRecord(MonotonicTime.NowNanoseconds(), EventSource, EventKinds.ReplyNotDelivered,
            EventDetail.Json(("connection", id), ("mti", request.Mti), ("stan", request.Stan), ("reason", reason))) { ConnectionId = id });

    internal void OnHostError(string id, Exception exception)
    {
        logger.LogError(exception, "Host error on {Connection}", id);
        recorder?.Record(new EventRecord(MonotonicTime.NowNanoseconds(), EventSource, EventKinds.HostError,
            EventDetail.Json(("connection", id), ("error", exception.GetType().Name), ("message", exception.Message))) { ConnectionId = id });
    }

    private void RecordLedgerEntry(object? sender, LedgerEntry entry) =>
        recorder?.Record(new EventRecord(entry.TimestampNanoseconds, "ledger", EventKinds.Ledger, EventDetail.Json(
            ("kind", entry.Kind.ToString()), ("terminal_id", entry.Key.TerminalId), ("batch", entry.Key.Batch), ("stan", entry.Key.Stan),
            ("net_effect", entry.NetEffectMinorUnits), ("rrn", entry.RetrievalReferenceNumber), ("reason", entry.ReversalReason),
            ("request_mti", entry.RequestMti), ("original_response_code", entry.OriginalResponseCode)))
        {
            ConnectionId = entry.ConnectionId,
        });

    private void Raise<T>(EventHandler<T>? handler, T value)
    {
        if (handler is null) return;
        try
        {
            handler(this, value);
        }
        catch (Exception exception)
        {
            // A faulty observer must not take a terminal's connection down with it.
            logger.LogError(exception, "A host event handler failed");
        }
    }
}
