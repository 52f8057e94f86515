using System.Net;
using System.Net.Sockets;
using Bench.Codec;

namespace Bench.Hardware.Tests.Pstn;

/// <summary>
/// A host on loopback TCP for NAC tests: records every frame body per connection and answers each with
/// <see cref="Reply"/> (by default the same body with the TPDU's destination and source swapped).
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Connection> connections = [];
    private readonly Task acceptLoop;
    private TaskCompletionSource change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopbackHost()
    {
        listener.Start();
        acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    public Func<byte[], byte[]?> Reply { get; set; } = SwapTpdu;

    public IReadOnlyList<Connection> Connections
    {
        get { lock (connections) return [.. connections]; }
    }

    public static byte[] SwapTpdu(byte[] body)
    {
        var reply = (byte[])body.Clone();
        Tpdu.ReadFrom(body).Swapped().WriteTo(reply);
        return reply;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the connections (checked on every arrival and close).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<Connection>, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (connections)
            {
                if (condition(connections)) return;
                next = change.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var connection in Connections) connection.Close();
        try { await acceptLoop; } catch (Exception) { }
    }

    private void Changed()
    {
        lock (connections)
        {
            change.TrySetResult();
            change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptSocketAsync(stopping.Token); }
            catch (Exception) { return; }
            var connection = new Connection(this, socket);
            lock (connections) connections.Add(connection);
            Changed();
            _ = connection.ServeAsync(stopping.Token);
        }
    }

    internal sealed class Connection(LoopbackHost host, Socket socket)
    {
        private readonly List<byte[]> frames = [];

        public IReadOnlyList<byte[]> Frames
        {
            get { lock (frames) return [.. frames]; }
        }

        /// <summary>True once the NAC closed its end (the host read end of stream or a reset).</summary>
        public bool ClosedByPeer { get; private set; }

        /// <summary>The host ends this connection.</summary>
        public void Close()
        {
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception) { }
            socket.Dispose();
        }

        public async Task ServeAsync(CancellationToken cancellationToken)
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new FrameReader(stream);
            try
            {
                while (await reader.ReadAsync(cancellationToken) is { } frame)
                {
                    lock (frames) frames.Add(frame.Body);
                    host.Changed();
                    if (host.Reply(frame.Body) is { } reply)
                    {
                        var framed = new byte[Framing.PrefixLength + reply.Length];
                        Framing.WritePrefix(framed, reply.Length);
                        reply.CopyTo(framed, Framing.PrefixLength);
                        await stream.WriteAsync(framed, cancellationToken);
                    }
                }
            }
            catch (Exception)
            {
                // Reset or closed by this side.
            }
            ClosedByPeer = true;
            host.Changed();
        }
    }
}
