namespace Bench.Host;

/// <summary>
/// Puts two clocks on a connection's reads: an idle allowance while waiting for a frame's first
/// byte, then a deadline for the rest of that frame. A peer trickling a byte a minute cannot hold
/// a connection. <see cref="Expired"/> cancels when either runs out; include it in every read.
/// </summary>
internal sealed class ReadDeadlineStream(Stream inner, TimeSpan idleAllowance, TimeSpan frameDeadline, TimeProvider clock) : Stream
{
    private readonly CancellationTokenSource timer = new(Timeout.InfiniteTimeSpan, clock);

    public CancellationToken Expired => timer.Token;

    /// <summary>True once a byte of the frame being awaited has arrived.</summary>
    public bool FrameStarted { get; private set; }

    /// <summary>Starts waiting for the next frame; <paramref name="alreadyStarted"/> when its first bytes are buffered.</summary>
    public void ExpectFrame(bool alreadyStarted)
    {
        FrameStarted = alreadyStarted;
        timer.CancelAfter(alreadyStarted ? frameDeadline : idleAllowance);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0 && !FrameStarted)
        {
            FrameStarted = true;
            timer.CancelAfter(frameDeadline);
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("reads are asynchronous so the deadline can cancel them");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) timer.Dispose();
        base.Dispose(disposing);
    }
}
