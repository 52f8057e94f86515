using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// One client connection through a <see cref="LinkEmulator"/>, and its own connection to the upstream end
/// point. Each direction has a reader that takes the bytes in (conditions, quota and blackhole are applied
/// there) and a writer that hands each segment over when it is due, so slow delivery never stops reading.
/// </summary>
/// <remarks>
/// The handshake pays the link's conditions: the upstream connection is opened only after a SYN and a
/// SYN-ACK have crossed (a blackhole holds them back, each try costing TCP's back-off); meanwhile the
/// client's bytes wait. An end of stream (FIN) crosses like data, so it is delayed, blackholed or
/// over-quota like data. A reset by one end passes to the other at once, unless the direction it would take
/// is blackholed or the quota is spent: then, as on a real network, the other end never hears of it.
/// </remarks>
public sealed class LinkConnection
{
    // Segments in flight per direction before the reader waits: the link's buffer, as a TCP window would bound it.
    private const int QueueCapacity = 4096;

    private readonly LinkEmulator owner;
    private readonly Socket client;
    private readonly LinkScheduler upstreamScheduler;
    private readonly LinkScheduler downstreamScheduler;
    private readonly CancellationTokenSource closing = new();
    private readonly Lock gate = new();
    private Socket? host;
    private ITimer? resetTimer;
    private TimeSpan? armedResetAfter;
    private bool clientGone;
    private bool hostGone;
    private int closed;
    private int established;
    private long bytesUpstream;
    private long bytesDownstream;
    private long bytesBlackholed;

    internal LinkConnection(LinkEmulator owner, long id, Socket client, int seed)
    {
        this.owner = owner;
        this.client = client;
        Id = id;
        ClientEndPoint = client.RemoteEndPoint;
        OpenedTimestamp = owner.Time.GetTimestamp();
        // One generator per direction: the draws of one direction do not depend on how the other interleaves.
        var seeds = new Random(seed);
        upstreamScheduler = new LinkScheduler(owner.Time.TimestampFrequency, new Random(seeds.Next()));
        downstreamScheduler = new LinkScheduler(owner.Time.TimestampFrequency, new Random(seeds.Next()));
    }

    private enum End
    {
        Client,
        Host,
    }

    /// <summary>Numbers the emulator's connections from 1, in the order they were accepted.</summary>
    public long Id { get; }

    /// <summary>The client's address as the emulator sees it (its port identifies the client's socket).</summary>
    public EndPoint? ClientEndPoint { get; }

    /// <summary>When the emulator accepted the client (the link's clock).</summary>
    public long OpenedTimestamp { get; }

    /// <summary>True once the upstream connection is open.</summary>
    public bool IsEstablished => Volatile.Read(ref established) == 1;

    /// <summary>False once the connection was closed or reset.</summary>
    public bool IsOpen => Volatile.Read(ref closed) == 0;

    /// <summary>Bytes delivered to the upstream end point.</summary>
    public long BytesUpstream => Interlocked.Read(ref bytesUpstream);

    /// <summary>Bytes delivered to the client.</summary>
    public long BytesDownstream => Interlocked.Read(ref bytesDownstream);

    /// <summary>Bytes, either way, that a blackhole or the spent quota swallowed.</summary>
    public long BytesBlackholed => Interlocked.Read(ref bytesBlackholed);

    /// <summary>Resets both ends (RST) at once; idempotent.</summary>
    public void Reset() => Close(abort: true);

    /// <inheritdoc/>
    public override string ToString() => $"link connection {Id} from {ClientEndPoint}";

    internal async Task RunAsync()
    {
        try
        {
            UpdateResetTimer();
            await HandshakeAsync();
            var upstream = new Socket(
                owner.UpstreamEndPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : owner.UpstreamEndPoint.AddressFamily,
                SocketType.Stream,
                ProtocolType.Tcp)
            {
                NoDelay = true,
            };
            lock (gate)
            {
                host = upstream;
            }

            if (!IsOpen)
            {
                // Reset while the socket was being made: Close may have missed it.
                upstream.Dispose();
                return;
            }

            await upstream.ConnectAsync(owner.UpstreamEndPoint, closing.Token);
            Volatile.Write(ref established, 1);
            await Task.WhenAll(
                PumpAsync(LinkDirection.Upstream, client, upstream),
                PumpAsync(LinkDirection.Downstream, upstream, client));
            Close(abort: false);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // Upstream refused the connection, or the connection was reset while it ran: reset whatever is left.
        }
        finally
        {
            Close(abort: true);
        }
    }

    internal void UpdateResetTimer()
    {
        TimeSpan? upstream = owner.Upstream.Effective.ResetPeerAfter;
        TimeSpan? downstream = owner.Downstream.Effective.ResetPeerAfter;
        TimeSpan? after = upstream is null ? downstream : downstream is null ? upstream : upstream < downstream ? upstream : downstream;
        lock (gate)
        {
            if (!IsOpen || after == armedResetAfter)
            {
                return;
            }

            resetTimer?.Dispose();
            resetTimer = null;
            armedResetAfter = after;
            if (after is { } delay)
            {
                resetTimer = owner.Time.CreateTimer(_ => Reset(), null, delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task HandshakeAsync()
    {
        foreach (LinkDirection direction in (LinkDirection[])[LinkDirection.Upstream, LinkDirection.Downstream])
        {
            // A blackholed SYN (or SYN-ACK) is sent again after TCP's back-off until it gets through.
            int lost = 0;
            while (owner.Conditions(direction).Effective.Blackhole)
            {
                await Task.Delay(TcpRetransmission.DelayAfterLoss(++lost), owner.Time, closing.Token);
            }

            ScheduledSegment packet = Scheduler(direction).ScheduleControl(owner.Time.GetTimestamp(), owner.Conditions(direction).Effective, endOfStream: false);
            await WaitUntilAsync(packet.DueTimestamp);
        }
    }

    private async Task PumpAsync(LinkDirection direction, Socket source, Socket destination)
    {
        Channel<ScheduledSegment> segments = Channel.CreateBounded<ScheduledSegment>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        Task delivering = DeliverAsync(direction, segments.Reader, destination);
        try
        {
            await ReceiveAsync(direction, source, segments.Writer);
        }
        finally
        {
            segments.Writer.TryComplete();
        }

        await delivering;
    }

    private async Task ReceiveAsync(LinkDirection direction, Socket source, ChannelWriter<ScheduledSegment> segments)
    {
        LinkScheduler scheduler = Scheduler(direction);
        LinkConditionStack stack = owner.Conditions(direction);
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await source.ReceiveAsync(buffer, SocketFlags.None, closing.Token);
            }
            catch (SocketException) when (IsOpen)
            {
                EndFailed(Source(direction));
                return;
            }

            long now = owner.Time.GetTimestamp();
            LinkConditions conditions = stack.Effective;
            if (read == 0)
            {
                if (!conditions.Blackhole && !owner.IsQuotaExhausted)
                {
                    await segments.WriteAsync(scheduler.ScheduleControl(now, conditions, endOfStream: true), closing.Token);
                }

                return;
            }

            byte[] data = buffer.AsSpan(0, read).ToArray();
            owner.OnChunkReceived(new LinkChunk(Id, direction, data, now));
            int passing = conditions.Blackhole ? 0 : owner.TakeQuota(read);
            if (passing < read)
            {
                Interlocked.Add(ref bytesBlackholed, read - passing);
                owner.CountBlackholed(read - passing);
            }

            foreach (ScheduledSegment segment in scheduler.Schedule(data.AsMemory(0, passing), now, conditions))
            {
                await segments.WriteAsync(segment, closing.Token);
            }
        }
    }

    private async Task DeliverAsync(LinkDirection direction, ChannelReader<ScheduledSegment> segments, Socket destination)
    {
        End target = Destination(direction);
        await foreach (ScheduledSegment segment in segments.ReadAllAsync(closing.Token))
        {
            await WaitUntilAsync(segment.DueTimestamp);
            long delivered;
            if (IsGone(target))
            {
                // That end reset while its reset could not reach the other: what is sent to it vanishes.
                continue;
            }

            try
            {
                if (segment.IsEndOfStream)
                {
                    destination.Shutdown(SocketShutdown.Send);
                    continue;
                }

                // Stamped as the bytes are released, not once the send returns: by then the far end may already have
                // answered, and its answer must not be stamped before what it answers.
                delivered = owner.Time.GetTimestamp();
                await destination.SendAsync(segment.Data, SocketFlags.None, closing.Token);
            }
            catch (SocketException) when (IsOpen)
            {
                EndFailed(target);
                continue;
            }

            Interlocked.Add(ref direction == LinkDirection.Upstream ? ref bytesUpstream : ref bytesDownstream, segment.Data.Length);
            owner.OnDelivered(new LinkDelivery(
                Id, direction, segment.Data, segment.ReceivedTimestamp, segment.DueTimestamp, delivered, segment.Losses));
        }
    }

    private async Task WaitUntilAsync(long dueTimestamp)
    {
        // A loop: a scaled or coarse clock may wake a little early.
        while (owner.Time.GetElapsedTime(owner.Time.GetTimestamp(), dueTimestamp) is { } remaining && remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, owner.Time, closing.Token);
        }
    }

    // One end reset (or vanished): the other end hears of it only if the way from the failed end is open.
    private void EndFailed(End end)
    {
        LinkDirection from = end == End.Client ? LinkDirection.Upstream : LinkDirection.Downstream;
        if (owner.Conditions(from).Effective.Blackhole || owner.IsQuotaExhausted)
        {
            lock (gate)
            {
                if (end == End.Client)
                {
                    clientGone = true;
                }
                else
                {
                    hostGone = true;
                }
            }

            return;
        }

        Reset();
    }

    private bool IsGone(End end)
    {
        lock (gate)
        {
            return end == End.Client ? clientGone : hostGone;
        }
    }

    private void Close(bool abort)
    {
        if (Interlocked.Exchange(ref closed, 1) == 1)
        {
            return;
        }

        Socket? upstream;
        lock (gate)
        {
            resetTimer?.Dispose();
            resetTimer = null;
            upstream = host;
        }

        Shut(client, abort);
        if (upstream is not null)
        {
            Shut(upstream, abort);
        }

        // Asynchronously: a reset from a pin-change handler must not run the pumps' continuations inline.
        _ = closing.CancelAsync();
        owner.OnConnectionClosed(this);
    }

    private static void Shut(Socket socket, bool abort)
    {
        if (abort)
        {
            // Linger 0: closing sends RST instead of FIN.
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        socket.Dispose();
    }

    private LinkScheduler Scheduler(LinkDirection direction) =>
        direction == LinkDirection.Upstream ? upstreamScheduler : downstreamScheduler;

    private static End Source(LinkDirection direction) => direction == LinkDirection.Upstream ? End.Client : End.Host;

    private static End Destination(LinkDirection direction) => direction == LinkDirection.Upstream ? End.Host : End.Client;
}
