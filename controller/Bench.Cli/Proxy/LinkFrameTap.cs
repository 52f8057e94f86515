using System.Collections.Concurrent;
using System.Globalization;
using Bench.Codec;
using Bench.Hardware.Simulation.Link;
using Bench.Results;

namespace Bench.Cli.Proxy;

/// <summary>
/// Watches the bytes crossing a <see cref="LinkEmulator"/> and records every frame of every connection
/// (both directions, reframed by their 2-byte length prefixes) through a <see cref="FrameRecorder"/>, with
/// connection-opened and -closed events, as the host does for its own connections.
/// </summary>
/// <remarks>
/// Frames are stamped where the terminal meets the link: a request when its last byte entered the link
/// from the terminal, a reply when its last byte was handed to the terminal. So the recorded times are
/// the terminal's view, and the link's conditions show in them (a latency each way lengthens every
/// request-to-reply gap by both latencies); with no conditions they match the host's own recording.
/// Bytes a blackhole swallows are recorded on the way in (the terminal sent them) but never on the way out.
/// A framing error stops the framing of that direction only (recorded as a protocol error); the bytes
/// still pass. The emulator must run on <see cref="TimeProvider.System"/>: its timestamps are then the
/// bench's monotonic timeline.
/// </remarks>
public sealed class LinkFrameTap : IDisposable
{
    private const string EventSource = "proxy";
    private readonly LinkEmulator emulator;
    private readonly FrameRecorder? recorder;
    private readonly int maximumBodyLength;
    private readonly ConcurrentDictionary<long, TappedConnection> connections = new();

    /// <param name="recorder">Where frames and events go; null only raises the events.</param>
    /// <exception cref="ArgumentException">The emulator does not run on the system clock.</exception>
    public LinkFrameTap(LinkEmulator emulator, FrameRecorder? recorder, int maximumBodyLength = Framing.MaxBodyLength)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        if (!ReferenceEquals(emulator.Time, TimeProvider.System))
            throw new ArgumentException("the link emulator must run on the system clock: its timestamps are then the recorder's timeline", nameof(emulator));
        this.emulator = emulator;
        this.recorder = recorder;
        this.maximumBodyLength = maximumBodyLength;
        emulator.ConnectionOpened += OnConnectionOpened;
        emulator.ConnectionClosed += OnConnectionClosed;
        emulator.ChunkReceived += OnChunkReceived;
        emulator.ChunkDelivered += OnChunkDelivered;
        // The emulator accepts from its constructor on: connections it took before this tap subscribed count too.
        foreach (var connection in emulator.Connections) Register(connection);
    }

    /// <summary>Each frame, as recorded; raised on the link's threads: keep handlers quick.</summary>
    public event EventHandler<FrameRecord>? FrameRecorded;

    /// <summary>A connection's id (<c>p1</c>, <c>p2</c>, ...) and the terminal's address.</summary>
    public event EventHandler<(string ConnectionId, string Remote)>? ConnectionOpened;

    /// <summary>A connection's id and how it ended.</summary>
    public event EventHandler<(string ConnectionId, string Reason)>? ConnectionClosed;

    /// <summary>A direction of a connection whose framing broke.</summary>
    public event EventHandler<ProtocolError>? ProtocolErrorDetected;

    /// <summary>The recorder's id of an emulator connection.</summary>
    public static string ConnectionIdOf(long linkConnectionId) => "p" + linkConnectionId.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        emulator.ConnectionOpened -= OnConnectionOpened;
        emulator.ConnectionClosed -= OnConnectionClosed;
        emulator.ChunkReceived -= OnChunkReceived;
        emulator.ChunkDelivered -= OnChunkDelivered;
    }

    private void OnConnectionOpened(object? sender, LinkConnection connection) => Register(connection);

    /// <summary>Starts tapping a connection, once: the opened event and the enumeration in the constructor may both see it.</summary>
    private TappedConnection Register(LinkConnection connection)
    {
        var created = new TappedConnection(ConnectionIdOf(connection.Id), maximumBodyLength);
        var tapped = connections.GetOrAdd(connection.Id, created);
        if (!ReferenceEquals(tapped, created)) return tapped;
        var remote = connection.ClientEndPoint?.ToString() ?? "unknown";
        var time = MonotonicTime.ToNanoseconds(connection.OpenedTimestamp);
        recorder?.Record(new EventRecord(time, EventSource, EventKinds.ConnectionOpened,
            EventDetail.Json(("connection", tapped.Id), ("remote", remote))) { ConnectionId = tapped.Id });
        ConnectionOpened?.Invoke(this, (tapped.Id, remote));
        return tapped;
    }

    private void OnConnectionClosed(object? sender, LinkConnection connection)
    {
        if (!connections.TryRemove(connection.Id, out var tapped)) return;
        var time = MonotonicTime.NowNanoseconds();
        var reason = tapped.EndedInsideFrame() is { } direction ? $"closed inside a {direction} frame" : "closed";
        recorder?.Record(new EventRecord(time, EventSource, EventKinds.ConnectionClosed,
            EventDetail.Json(("connection", tapped.Id), ("reason", reason))) { ConnectionId = tapped.Id });
        ConnectionClosed?.Invoke(this, (tapped.Id, reason));
    }

    // Requests are taken as they leave the terminal, replies as they reach it.
    private void OnChunkReceived(object? sender, LinkChunk chunk)
    {
        if (chunk.Direction == LinkDirection.Upstream) Take(chunk.ConnectionId, FrameDirection.Received, chunk.Data.Span, chunk.Timestamp);
    }

    private void OnChunkDelivered(object? sender, LinkDelivery delivery)
    {
        if (delivery.Direction == LinkDirection.Downstream) Take(delivery.ConnectionId, FrameDirection.Sent, delivery.Data.Span, delivery.DeliveredTimestamp);
    }

    private void Take(long linkConnectionId, FrameDirection direction, ReadOnlySpan<byte> data, long timestamp)
    {
        if (!connections.TryGetValue(linkConnectionId, out var connection))
        {
            // Accepted while the tap was subscribing: neither its opened event nor the enumeration saw it.
            if (emulator.Connections.FirstOrDefault(candidate => candidate.Id == linkConnectionId) is not { } open) return;
            connection = Register(open);
        }
        var time = MonotonicTime.ToNanoseconds(timestamp);
        var assembler = connection.Assembler(direction);
        IReadOnlyList<byte[]> bodies;
        IsoDecodeException? failure;
        lock (assembler)
        {
            var failedBefore = assembler.Failure is not null;
            bodies = assembler.Push(data);
            failure = failedBefore ? null : assembler.Failure;
        }

        foreach (var body in bodies)
        {
            IsoMessage? message = null;
            string? decodeError = null;
            try
            {
                message = IsoCodec.Cup.Decode(body);
            }
            catch (IsoDecodeException exception)
            {
                decodeError = exception.Message;
            }

            var frame = new FrameRecord(time, connection.Id, direction, body, message) { DecodeError = decodeError };
            recorder?.Record(frame);
            FrameRecorded?.Invoke(this, frame);
        }

        if (failure is not null)
        {
            var error = new ProtocolError(time, connection.Id, failure.Element, failure.Offset,
                $"{(direction == FrameDirection.Received ? "terminal to host" : "host to terminal")}: {failure.Reason}; no more frames recorded that way");
            recorder?.RecordProtocolError(error, EventSource);
            ProtocolErrorDetected?.Invoke(this, error);
        }
    }

    private sealed class TappedConnection(string id, int maximumBodyLength)
    {
        private readonly FrameAssembler requests = new(maximumBodyLength);
        private readonly FrameAssembler replies = new(maximumBodyLength);

        public string Id { get; } = id;

        public FrameAssembler Assembler(FrameDirection direction) => direction == FrameDirection.Received ? requests : replies;

        /// <summary>"request" or "reply" when that direction holds part of a frame (never when its framing had already broken).</summary>
        public string? EndedInsideFrame()
        {
            lock (requests)
                if (requests.Failure is null && requests.PendingBytes > 0) return "request";
            lock (replies)
                if (replies.Failure is null && replies.PendingBytes > 0) return "reply";
            return null;
        }
    }
}
