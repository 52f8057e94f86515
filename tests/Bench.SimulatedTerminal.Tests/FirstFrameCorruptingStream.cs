using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// The controller's end of a cable with a noisy line in front of it: the LRC of the first frame the controller writes
/// arrives flipped. Counts the frames written and keeps the bytes read, so a test sees the NAK and the resend.
/// </summary>
internal sealed class FirstFrameCorruptingStream(Stream inner) : Stream
{
    private readonly List<byte> received = [];
    private int framesWritten;

    public int FramesWritten => Volatile.Read(ref framesWritten);

    public IReadOnlyList<byte> Received
    {
        get { lock (received) return [.. received]; }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        lock (received) received.AddRange(buffer.Span[..read].ToArray());
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length > 0 && buffer.Span[0] == StxEtxLrc.StartOfText && Interlocked.Increment(ref framesWritten) == 1)
        {
            var noisy = buffer.ToArray();
            noisy[^1] ^= 0x5A;
            buffer = noisy;
        }
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("write asynchronously");
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
