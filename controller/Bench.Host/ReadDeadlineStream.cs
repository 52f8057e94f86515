namespace Bench.Host;

/// <summary>
/// Puts two clocks on a connection's reads: an idle allowance while waiting for a frame's first
/// byte, then a deadline for the rest of that frame. A peer trickling a byte a minute cannot hold
/// a connection. <see cref="Expired"/> cancels when either runs out; include it in every read.
/// While the host owes the peer a reply (<see cref="ReplyPending"/>), the idle allowance does not
/// run: a terminal waiting for a held reply is not idle, and closing it would cancel that reply.
/// </summary>
internal sealed class ReadDeadlineStream(Stream inner, TimeSpan idleAllowance, TimeSpan frameDeadline, TimeProvider clock) : Stream
{
    private readonly CancellationTokenSource timer = new(Timeout.InfiniteTimeSpan, clock);

    // The read loop and the actions holding replies both move the timer: one lock keeps the state and the timer in step.
    private readonly Lock gate = new();
    private int pendingReplies;
    private bool disposed;

    public CancellationToken Expired => timer.Token;

    /// <summary>True once a byte of the frame being awaited has arrived.</summary>
    public bool FrameStarted { get; private set; }

    /// <summary>Starts waiting for the next frame; <paramref name="alreadyStarted"/> when its first bytes are buffered.</summary>
    public void ExpectFrame(bool alreadyStarted)
    {
        lock (gate)
        {
            FrameStarted = alreadyStarted;
            Arm();
        }
    }

    /// <summary>A reply to this peer is on its way (held, delayed): the idle allowance stops until every such reply is settled.</summary>
    public void ReplyPending()
    {
        lock (gate)
        {
            // Mid-frame the frame deadline keeps running; between frames, stop the idle allowance.
            if (++pendingReplies == 1 && !FrameStarted) Arm();
        }
    }

    /// <summary>A pending reply was sent or given up; with none left, the idle allowance starts afresh (from now, not from the last frame).</summary>
    public void ReplySettled()
    {
        lock (gate)
        {
            if (pendingReplies == 0) return;
            if (--pendingReplies == 0 && !FrameStarted) Arm();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        // FrameStarted is written only by the read loop, so reading it here without the lock is safe.
        if (read > 0 && !FrameStarted)
        {
            lock (gate)
            {
                FrameStarted = true;
                Arm();
            }
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
        if (disposing)
        {
            lock (gate)
            {
                disposed = true;
                timer.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Sets the timer for the current state: a started frame always has its deadline (a pending
    /// reply does not excuse a half-sent frame); between frames, the idle allowance runs only
    /// when no reply is pending. Call with the lock held.
    /// </summary>
    private void Arm()
    {
        if (disposed) return;
        if (FrameStarted) timer.CancelAfter(frameDeadline);
        else timer.CancelAfter(pendingReplies > 0 ? Timeout.InfiniteTimeSpan : idleAllowance);
    }
}
