using System.Threading.Channels;

namespace Bench.Hardware.Nac;

/// <summary>
/// The data mode of a Hayes modem after <c>CONNECT</c>: reads return what the far end sent and end
/// (return 0) once the modem reports <c>NO CARRIER</c> in-band, the DTE escaped to command mode, or
/// the stream was disposed; writes go to the modem while the session lasts and fail with an
/// <see cref="IOException"/> afterwards. Ptys have no DCD line, so in-band is the only carrier signal.
/// </summary>
public sealed class ModemDataStream : Stream
{
    private readonly HayesModemPort port;
    private readonly Channel<byte[]> received = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<string> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReadOnlyMemory<byte> current;

    internal ModemDataStream(HayesModemPort port, string connectResult)
    {
        this.port = port;
        ConnectResult = connectResult;
    }

    /// <summary>The CONNECT line that opened the session, e.g. <c>CONNECT 1200</c>.</summary>
    public string ConnectResult { get; }

    /// <summary>True once the session is over (carrier lost, escaped, disposed).</summary>
    public bool HasEnded => ended.Task.IsCompleted;

    /// <summary>Completes with the reason when the session ends.</summary>
    public Task<string> Ended => ended.Task;

    public override bool CanRead => true;

    public override bool CanWrite => !HasEnded;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        while (current.IsEmpty)
        {
            if (!await received.Reader.WaitToReadAsync(cancellationToken)) return 0;
            if (received.Reader.TryRead(out var chunk)) current = chunk;
        }
        var count = Math.Min(buffer.Length, current.Length);
        current[..count].CopyTo(buffer);
        current = current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        port.WriteDataAsync(this, buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Every write goes straight to the serial port.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    internal void Deliver(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty && !HasEnded) received.Writer.TryWrite(data.ToArray());
    }

    /// <summary>Ends the session: buffered bytes can still be read, then reads return 0.</summary>
    internal void End(string reason)
    {
        if (ended.TrySetResult(reason)) received.Writer.TryComplete();
    }

    protected override void Dispose(bool disposing)
    {
        End("closed by the DTE");
        base.Dispose(disposing);
    }
}
