using System.Net;
using System.Net.Sockets;
using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>A minimal terminal for the tests: sends frames over real loopback TCP and reads replies.</summary>
internal sealed class TestTerminal : IAsyncDisposable
{
    /// <summary>Generous: it only bounds a failing test, it is never what a test measures.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly FrameReader reader;

    private TestTerminal(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        reader = new FrameReader(stream);
    }

    public static async Task<TestTerminal> ConnectAsync(IPEndPoint host)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host);
        return new TestTerminal(client);
    }

    public Task SendAsync(IsoMessage message) => SendRawAsync(IsoCodec.Cup.EncodeFrame(message));

    public async Task SendRawAsync(byte[] bytes) => await stream.WriteAsync(bytes);

    /// <summary>Says "no more requests" while still reading replies.</summary>
    public void FinishSending() => client.Client.Shutdown(SocketShutdown.Send);

    public async Task<IsoMessage> ReceiveAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var frame = await reader.ReadAsync(timeout.Token) ?? throw new IOException("the host closed the connection");
        return IsoCodec.Cup.Decode(frame.Body);
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes (not frames) within the patience.</summary>
    public async Task<byte[]> ReceiveBytesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes, timeout.Token);
        return bytes;
    }

    /// <summary>True when no raw byte arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> NoByteWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await stream.ReadExactlyAsync(new byte[1], timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>True when nothing arrives within <paramref name="wait"/> (the connection stays open and silent).</summary>
    public async Task<bool> StaysSilentAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await reader.ReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>True when the host closes the connection (end of stream or reset) within the patience.</summary>
    public async Task<bool> IsClosedByHostAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var buffer = new byte[4096];
        try
        {
            while (true)
                if (await stream.ReadAsync(buffer, timeout.Token) == 0) return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
