using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Bench.Codec;

namespace Bench.SimulatedTerminal;

/// <summary>
/// One TCP connection to the host. A receive loop reads frames as they come (however the host
/// splits them) into a queue, so a wait for a reply is just a queue read with a timer, and a
/// reply that arrives between waits is kept for the next one.
/// </summary>
internal sealed class HostConnection : IDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly Channel<ReceivedFrame> frames = Channel.CreateUnbounded<ReceivedFrame>();
    private readonly CancellationTokenSource closing = new();

    private HostConnection(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
        _ = ReceiveLoopAsync();
    }

    /// <summary>Connects within <paramref name="timeout"/> (terminal time).</summary>
    /// <exception cref="SocketException">The host refused or is unreachable.</exception>
    /// <exception cref="TimeoutException">The connect timer ran out.</exception>
    public static async Task<HostConnection> ConnectAsync(EndPoint host, TimeSpan timeout, TimeProvider time, CancellationToken power)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, power);
        var socket = new Socket(host.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : host.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        try
        {
            await socket.ConnectAsync(host, linked.Token);
            return new HostConnection(socket);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !power.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"no connection to {host} within {timeout}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>False once the host closed the connection or it failed.</summary>
    public bool IsOpen => !frames.Reader.Completion.IsCompleted;

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(frame, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next frame, or null once the connection has ended.</summary>
    public async Task<ReceivedFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await frames.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        // Abortive close (RST): a terminal that loses power or gives up does not linger.
        try { socket.LingerState = new LingerOption(true, 0); } catch (SocketException) { } catch (ObjectDisposedException) { }
        stream.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new FrameReader(stream);
        try
        {
            while (await reader.ReadAsync(closing.Token) is { } frame)
                frames.Writer.TryWrite(frame);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException
            or OperationCanceledException or IsoDecodeException)
        {
            // A reset, a local close or a garbled length prefix: the connection is over either way.
        }
        frames.Writer.TryComplete();
    }
}
