using System.Globalization;
using System.Text.Json;
using Bench.Codec;

namespace Bench.Results.Capture;

/// <summary>
/// Writes a run's frames from the results store as a pcap file (DESIGN.md §9): one synthesized TCP
/// stream per terminal connection (terminal 10.0.0.x ↔ host 10.0.1.1:5000 by default), opened when the
/// store's connection-opened event says, closed when its connection-closed event says (FIN, or RST
/// for a lost connection; no close when the store has none), and each frame as one segment with its
/// 2-byte length prefix. Timestamps are the recorded monotonic times placed on the wall clock by the
/// run's start. Reads only the store, so it serves a finished run as well as the reporting stage.
/// </summary>
/// <remarks>
/// A dial-up call reaches the host through the NAC, so its frames are the NAC's TCP connection to the
/// host: one stream per call, like any other. Connection ids are told apart by their open-close spans:
/// an id reused later is a new stream.
/// </remarks>
public static class CaptureExporter
{
    /// <summary>The file name every run writes into its output folder.</summary>
    public const string FileName = "capture.pcap";

    private const long NanosecondsPerTick = 100;

    /// <exception cref="ArgumentException">The store holds no run <paramref name="runId"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static CaptureSummary Write(ResultsStore store, long runId, string path, CaptureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CaptureOptions();
        var run = store.ReadRuns().FirstOrDefault(candidate => candidate.Id == runId)
            ?? throw new ArgumentException($"the results store {store.Path} holds no run {runId}", nameof(runId));
        var frames = store.ReadFrames(runId);
        var opened = store.ReadEvents(runId, EventKinds.ConnectionOpened);
        var closed = store.ReadEvents(runId, EventKinds.ConnectionClosed);
        var connections = Connections(frames, opened, closed);

        var startedNanoseconds = run.StartedNanoseconds
            ?? frames.Select(frame => frame.TimestampNanoseconds).Concat(opened.Select(item => item.TimestampNanoseconds)).DefaultIfEmpty(0).Min();
        var startedUnixNanoseconds = UnixNanoseconds(run.StartedUtc);
        var packets = new List<TimedPacket>();
        for (var index = 0; index < connections.Count; index++)
            AddPackets(connections[index], TerminalEndPoint(options.FirstTerminal, index), options, packets);
        // Stable: packets of one stream keep their order when their times are equal.
        var ordered = packets.OrderBy(packet => packet.Nanoseconds).ThenBy(packet => packet.Order);

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var writer = new PcapWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)))
        {
            foreach (var packet in ordered)
                writer.WritePacket(Math.Max(0, startedUnixNanoseconds + packet.Nanoseconds - startedNanoseconds), packet.Bytes);
        }
        return new CaptureSummary(path, connections.Count, frames.Count, packets.Count, !options.KeepRawFrames);
    }

    /// <summary>
    /// Sorts frames into connections by id and time: an opened event starts a connection of its id, a frame
    /// belongs to the latest connection of its id (one is started for a frame no event announced), a closed
    /// event ends the latest open connection of its id.
    /// </summary>
    private static List<RecordedConnection> Connections(
        IReadOnlyList<StoredFrame> frames, IReadOnlyList<StoredEvent> opened, IReadOnlyList<StoredEvent> closed)
    {
        // On one timestamp: opening first, then frames, then closing.
        var timeline = opened.Select(item => (Time: item.TimestampNanoseconds, Rank: 0, Event: (StoredEvent?)item, Frame: (StoredFrame?)null))
            .Concat(frames.Select(frame => (Time: frame.TimestampNanoseconds, Rank: 1, Event: (StoredEvent?)null, Frame: (StoredFrame?)frame)))
            .Concat(closed.Select(item => (Time: item.TimestampNanoseconds, Rank: 2, Event: (StoredEvent?)item, Frame: (StoredFrame?)null)))
            .OrderBy(entry => entry.Time).ThenBy(entry => entry.Rank);
        var connections = new List<RecordedConnection>();
        var latest = new Dictionary<string, RecordedConnection>(StringComparer.Ordinal);
        foreach (var (time, rank, stored, frame) in timeline)
        {
            if (frame is not null)
            {
                if (!latest.TryGetValue(frame.ConnectionId, out var connection))
                {
                    connection = new RecordedConnection(frame.ConnectionId, time);
                    connections.Add(connection);
                    latest[frame.ConnectionId] = connection;
                }
                connection.Frames.Add(frame);
                continue;
            }

            var id = stored!.ConnectionId ?? DetailText(stored.Detail, "connection");
            if (id is null) continue;
            if (rank == 0)
            {
                var connection = new RecordedConnection(id, time);
                connections.Add(connection);
                latest[id] = connection;
            }
            else if (latest.TryGetValue(id, out var connection) && connection.ClosedNanoseconds is null)
            {
                connection.ClosedNanoseconds = time;
                connection.CloseReason = DetailText(stored.Detail, "reason");
            }
        }
        return connections;
    }

    private static void AddPackets(RecordedConnection connection, CaptureEndPoint terminal, CaptureOptions options, List<TimedPacket> packets)
    {
        // A different initial sequence number per stream, as real stacks pick; any value is valid.
        var stream = new SynthesizedTcpStream(terminal, options.Host, (uint)terminal.Port << 16 | terminal.Address & 0xFFFF);
        var time = connection.OpenedNanoseconds;
        foreach (var packet in stream.Open()) Add(time, packet);
        foreach (var frame in connection.Frames)
        {
            time = Math.Max(time, frame.TimestampNanoseconds);
            var body = options.KeepRawFrames ? frame.Body : CardDataMask.Mask(frame.Body).Body;
            var wire = new byte[Framing.PrefixLength + body.Length];
            Framing.WritePrefix(wire, body.Length);
            body.CopyTo(wire, Framing.PrefixLength);
            for (var offset = 0; offset < wire.Length; offset += Ipv4TcpPacket.MaximumPayloadLength)
            {
                var segment = wire.AsSpan(offset, Math.Min(Ipv4TcpPacket.MaximumPayloadLength, wire.Length - offset));
                Add(time, stream.Data(frame.Direction == FrameDirection.Received, segment));
            }
        }

        if (connection.ClosedNanoseconds is not { } closedAt) return;
        time = Math.Max(time, closedAt);
        var reason = connection.CloseReason ?? "";
        if (reason.StartsWith("connection lost", StringComparison.Ordinal) || reason.Contains("reset", StringComparison.Ordinal))
        {
            Add(time, stream.Reset());
            return;
        }
        foreach (var packet in stream.Close(terminalClosedFirst: reason == "peer closed")) Add(time, packet);

        void Add(long nanoseconds, byte[] bytes) => packets.Add(new TimedPacket(nanoseconds, packets.Count, bytes));
    }

    /// <summary>The <paramref name="index"/>th connection's end: the next port, then the next address.</summary>
    private static CaptureEndPoint TerminalEndPoint(CaptureEndPoint first, int index)
    {
        var portsPerAddress = ushort.MaxValue + 1 - first.Port;
        return new CaptureEndPoint(first.Address + (uint)(index / portsPerAddress), (ushort)(first.Port + index % portsPerAddress));
    }

    private static long UnixNanoseconds(string utc)
    {
        var started = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return (started.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosecondsPerTick;
    }

    private static string? DetailText(string detail, string property)
    {
        try
        {
            using var json = JsonDocument.Parse(detail);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private readonly record struct TimedPacket(long Nanoseconds, int Order, byte[] Bytes);
}
