using System.Net;
using System.Net.Sockets;

namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// A link emulator in user space, as Toxiproxy is: a TCP proxy that listens (on 127.0.0.1, any free port, by
/// default) and forwards each accepted connection to <see cref="UpstreamEndPoint"/>, real TCP on both sides.
/// Each direction carries stackable, live-changeable <see cref="LinkConditions"/>: latency ± jitter,
/// bandwidth, loss as retransmission back-off, slicer, blackhole, reset peer. A data quota shared by both
/// directions and every connection blackholes what goes beyond it (a SIM out of balance).
/// </summary>
/// <remarks>
/// Every delay is on <see cref="Time"/> (the terminal's clock; a <see cref="ScaledTimeProvider"/> or a fake).
/// Randomness comes from the generator the caller gives (or <see cref="Reseed"/>): each accepted connection
/// draws its own seed from it in accept order, so a trial with the same seed and the same traffic sees the
/// same losses, jitter and slices. Events are raised on the emulator's threads; handlers must be quick and
/// must not throw.
/// </remarks>
public sealed class LinkEmulator : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Lock gate = new();
    private readonly List<LinkConnection> connections = [];
    private readonly List<Task> runs = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private Random random;
    private long lastConnectionId;
    private long? quotaRemaining;
    private bool acceptsConnections = true;
    private bool disposed;
    private long bytesUpstream;
    private long bytesDownstream;
    private long bytesBlackholed;

    /// <summary>Starts listening at once.</summary>
    /// <param name="upstreamEndPoint">Where every accepted connection is forwarded (the host, the NAC, or an external test host).</param>
    /// <param name="time">The clock of every delay.</param>
    /// <param name="random">The source of every random draw; seed it for reproducible trials.</param>
    /// <param name="listenEndPoint">Where to listen; 127.0.0.1 on a free port when null.</param>
    /// <exception cref="SocketException">The listening address cannot be bound.</exception>
    public LinkEmulator(EndPoint upstreamEndPoint, TimeProvider time, Random random, IPEndPoint? listenEndPoint = null)
    {
        ArgumentNullException.ThrowIfNull(upstreamEndPoint);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        UpstreamEndPoint = upstreamEndPoint;
        Time = time;
        this.random = random;
        Upstream = new LinkConditionStack(LinkDirection.Upstream);
        Downstream = new LinkConditionStack(LinkDirection.Downstream);
        Upstream.Changed += OnConditionsChanged;
        Downstream.Changed += OnConditionsChanged;
        listenEndPoint ??= new IPEndPoint(IPAddress.Loopback, 0);
        listener = new Socket(listenEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listenEndPoint);
            listener.Listen();
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        acceptLoop = AcceptLoopAsync();
    }

    /// <summary>A connection was accepted (raised before any of its bytes cross).</summary>
    public event EventHandler<LinkConnection>? ConnectionOpened;

    /// <summary>A connection was closed or reset.</summary>
    public event EventHandler<LinkConnection>? ConnectionClosed;

    /// <summary>Bytes entered the link, before any condition acted on them.</summary>
    public event EventHandler<LinkChunk>? ChunkReceived;

    /// <summary>A segment was handed to the far end.</summary>
    public event EventHandler<LinkDelivery>? ChunkDelivered;

    /// <summary>Where clients connect.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where connections are forwarded.</summary>
    public EndPoint UpstreamEndPoint { get; }

    /// <summary>The clock of every delay and timestamp.</summary>
    public TimeProvider Time { get; }

    /// <summary>Conditions on the way from the client to the upstream end point.</summary>
    public LinkConditionStack Upstream { get; }

    /// <summary>Conditions on the way back to the client.</summary>
    public LinkConditionStack Downstream { get; }

    /// <summary>
    /// False: every connection is reset as soon as it is accepted (no route to the host). True by default.
    /// Open connections are not touched; <see cref="ResetAll"/> them if they should go too.
    /// </summary>
    public bool AcceptsConnections
    {
        get { lock (gate) return acceptsConnections; }
        set { lock (gate) acceptsConnections = value; }
    }

    /// <summary>The bytes the quota still lets through, both directions together; null when there is no quota.</summary>
    public long? DataQuotaRemaining
    {
        get { lock (gate) return quotaRemaining; }
    }

    /// <summary>True when a quota is set and spent: data, and the ends of streams, are blackholed.</summary>
    public bool IsQuotaExhausted
    {
        get { lock (gate) return quotaRemaining == 0; }
    }

    /// <summary>Bytes delivered upstream, every connection together.</summary>
    public long BytesUpstream => Interlocked.Read(ref bytesUpstream);

    /// <summary>Bytes delivered downstream, every connection together.</summary>
    public long BytesDownstream => Interlocked.Read(ref bytesDownstream);

    /// <summary>Bytes swallowed by a blackhole or the spent quota, every connection and direction together.</summary>
    public long BytesBlackholed => Interlocked.Read(ref bytesBlackholed);

    /// <summary>The open connections, oldest first.</summary>
    public IReadOnlyList<LinkConnection> Connections
    {
        get { lock (gate) return [.. connections]; }
    }

    /// <summary>The conditions of one direction.</summary>
    public LinkConditionStack Conditions(LinkDirection direction) =>
        direction == LinkDirection.Upstream ? Upstream : Downstream;

    /// <summary>Puts the same layer on both directions.</summary>
    /// <exception cref="ArgumentException">The name is blank or a condition is out of range.</exception>
    public void SetConditions(string layer, LinkConditions conditions)
    {
        Upstream.Set(layer, conditions);
        Downstream.Set(layer, conditions);
    }

    /// <summary>Removes a layer from both directions.</summary>
    public void RemoveConditions(string layer)
    {
        Upstream.Remove(layer);
        Downstream.Remove(layer);
    }

    /// <summary>
    /// From now on at most <paramref name="bytes"/> more bytes pass, counted over both directions and every
    /// connection; the rest is blackholed (a read that straddles the limit is cut exactly at it). Null lifts
    /// the quota.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public void SetDataQuota(long? bytes)
    {
        if (bytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "the data quota must not be negative (null for none)");
        }

        lock (gate)
        {
            quotaRemaining = bytes;
        }
    }

    /// <summary>Replaces the random generator with one seeded by <paramref name="seed"/>; connections accepted from now on draw from it.</summary>
    public void Reseed(int seed)
    {
        lock (gate)
        {
            random = new Random(seed);
        }
    }

    /// <summary>Resets (RST to both ends) every open connection.</summary>
    public void ResetAll()
    {
        foreach (LinkConnection connection in Connections)
        {
            connection.Reset();
        }
    }

    /// <summary>Stops listening, resets every connection and waits for their pumps to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        await stopping.CancelAsync();
        listener.Dispose();
        await acceptLoop;
        ResetAll();
        lock (gate)
        {
            running = [.. runs];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }

    internal int TakeQuota(int bytes)
    {
        lock (gate)
        {
            if (quotaRemaining is not long remaining)
            {
                return bytes;
            }

            int passing = (int)Math.Min(bytes, remaining);
            quotaRemaining = remaining - passing;
            return passing;
        }
    }

    internal void CountBlackholed(int bytes) => Interlocked.Add(ref bytesBlackholed, bytes);

    internal void OnChunkReceived(LinkChunk chunk) => ChunkReceived?.Invoke(this, chunk);

    internal void OnDelivered(LinkDelivery delivery)
    {
        Interlocked.Add(ref delivery.Direction == LinkDirection.Upstream ? ref bytesUpstream : ref bytesDownstream, delivery.Data.Length);
        ChunkDelivered?.Invoke(this, delivery);
    }

    internal void OnConnectionClosed(LinkConnection connection)
    {
        lock (gate)
        {
            connections.Remove(connection);
        }

        ConnectionClosed?.Invoke(this, connection);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // The client gave up before it was accepted.
                continue;
            }

            client.NoDelay = true;
            LinkConnection? connection = null;
            lock (gate)
            {
                if (acceptsConnections && !disposed)
                {
                    connection = new LinkConnection(this, ++lastConnectionId, client, random.Next());
                    connections.Add(connection);
                    // Under the lock, so that no reset can announce the connection closed before it was opened.
                    ConnectionOpened?.Invoke(this, connection);
                    runs.RemoveAll(run => run.IsCompleted);
                    runs.Add(Task.Run(connection.RunAsync));
                }
            }

            if (connection is null)
            {
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
        }
    }

    private void OnConditionsChanged(LinkConditionStack stack)
    {
        foreach (LinkConnection connection in Connections)
        {
            connection.UpdateResetTimer();
        }
    }
}
