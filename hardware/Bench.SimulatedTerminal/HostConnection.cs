using System.Net.Sockets;
using System.Threading.Channels;
using Bench.Codec;
using Bench.SimulatedTerminal.Modem;

namespace Bench.SimulatedTerminal;

/// <summary>
/// One data session to the host over the terminal's modem. A receive loop reads frames as they
/// come (however the host or the medium splits them) into a queue, so a wait for a reply is just a
/// queue read with a timer, and a reply that arrives between waits is kept for the next one. A firmware
/// with <see cref="Bench.Hardware.FirmwareBugs.ReadLoopTruncatesSplitReply"/> reads with <see cref="BlockwiseFrameReader"/> instead.
/// </summary>
internal sealed class HostConnection : IDisposable
{
    private readonly IModem modem;
    private readonly Stream stream;
    private readonly Channel<ReceivedFrame> frames = Channel.CreateUnbounded<ReceivedFrame>();
    private readonly CancellationTokenSource closing = new();
    private int disposed;

    private HostConnection(IModem modem, Stream stream, bool blockwiseReads)
    {
        this.modem = modem;
        this.stream = stream;
        _ = ReceiveLoopAsync(blockwiseReads);
    }

    /// <summary>Opens a data session through <paramref name="modem"/> under the modem's own timers.</summary>
    /// <param name="blockwiseReads">Read frames as the buggy receive loop does (<see cref="BlockwiseFrameReader"/>).</param>
    /// <exception cref="ModemException">The modem could not reach the host.</exception>
    public static async Task<HostConnection> OpenAsync(IModem modem, CancellationToken power, bool blockwiseReads = false) =>
        new(modem, await modem.OpenAsync(power), blockwiseReads);

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
        // Once only: a power cut closes the connection, and the dying firmware may close it again later,
        // by which time the modem (shared across power cycles) may carry the next session's call.
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        closing.Cancel();
        stream.Dispose();
        modem.HangUp();
    }

    private async Task ReceiveLoopAsync(bool blockwiseReads)
    {
        Func<CancellationToken, ValueTask<ReceivedFrame?>> read = blockwiseReads
            ? new BlockwiseFrameReader(stream).ReadAsync
            : new FrameReader(stream).ReadAsync;
        try
        {
            while (await read(closing.Token) is { } frame)
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
