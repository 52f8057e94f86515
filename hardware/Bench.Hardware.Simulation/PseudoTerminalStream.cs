using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Bench.Hardware.Simulation.PseudoTerminalNative;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A stream over a pty master descriptor (non-blocking), whose reads end promptly when cancelled or
/// disposed — which a FileStream over the same descriptor could not do. The master descriptor belongs to
/// <see cref="PseudoTerminalPair"/>; the wake-up events belong to this stream.
/// </summary>
/// <remarks>
/// A read that has to wait is served by one reader thread of this stream, never by the thread pool: a port
/// can sit idle for minutes, and pool threads blocked in poll() starve the timers and sockets of everything
/// else. The reader waits in poll() on the master, its own wake event (signalled by cancellation and
/// drained only by reads) and a closed event (signalled once by disposal and never drained), and wakes at
/// least every <see cref="PollInterval"/> to re-check both, so a lost wake-up delays a cancelled read but
/// can never strand it. A write that finds the slave's input queue full (nobody reads the serial port)
/// retries after a short delay instead of holding a thread.
/// </remarks>
internal sealed class PseudoTerminalStream : Stream
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WriteRetryInterval = TimeSpan.FromMilliseconds(5);

    private readonly SafeFileHandle master;
    private readonly WakeEvent readWake = new();
    private readonly WakeEvent closed;
    private readonly BlockingCollection<ReadRequest> reads = [];
    private readonly Lock readerStart = new();
    private Thread? reader;
    private int disposed;

    public PseudoTerminalStream(SafeFileHandle master)
    {
        this.master = master;
        try
        {
            closed = new WakeEvent();
        }
        catch
        {
            readWake.Dispose();
            throw;
        }
    }

    /// <summary>Raised by a read each time it is about to wait in poll(), so a test can act on a read that really waits.</summary>
    internal event Action? WaitingForInput;

    public override bool CanRead => !IsDisposed;

    public override bool CanWrite => !IsDisposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    private bool IsDisposed => Volatile.Read(ref disposed) != 0;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer) => ReadCore(buffer, CancellationToken.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (buffer.IsEmpty)
            {
                return ValueTask.FromResult(0);
            }

            // Bytes already waiting are returned at once, without a thread switch.
            if (TryRead(buffer.Span) is int available)
            {
                return ValueTask.FromResult(available);
            }

            var request = new ReadRequest(buffer, cancellationToken);
            StartReader();
            reads.Add(request);
            return new ValueTask<int>(request.Completion.Task);
        }
        catch (InvalidOperationException) when (IsDisposed)
        {
            // Disposed between the check and the hand-over to the reader thread.
            return ValueTask.FromException<int>(new ObjectDisposedException(GetType().Name));
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<int>(exception);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            int written = TryWrite(buffer);
            if (written > 0)
            {
                buffer = buffer[written..];
                continue;
            }

            // A synchronous write may block its caller's thread, but only in bounded waits that see disposal.
            WaitUntilReady(PollOut, wake: null);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            int written = TryWrite(buffer.Span);
            if (written > 0)
            {
                buffer = buffer[written..];
                continue;
            }

            // The slave's input queue is full: nobody reads the serial port, maybe for a long time. Waiting
            // without a thread keeps the pool free; the queue only drains at the reader's pace anyway.
            await Task.Delay(WriteRetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        // Bytes written to the master are already in the kernel's tty buffer.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            // Never drained: every wait, the current one and any later one, sees it at once.
            closed.Signal();
            reads.CompleteAdding();

            // A poll that still holds a descriptor keeps it open until the poll returns (see HandleLease).
            readWake.Dispose();
            closed.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StartReader()
    {
        lock (readerStart)
        {
            if (reader is not null)
            {
                return;
            }

            reader = new Thread(ServeReads) { IsBackground = true, Name = "pty master reader" };
            reader.Start();
        }
    }

    // The reader thread: one read at a time, in order, until the stream is disposed.
    private void ServeReads()
    {
        foreach (ReadRequest request in reads.GetConsumingEnumerable())
        {
            try
            {
                request.Completion.TrySetResult(ReadCore(request.Buffer.Span, request.Token));
            }
            catch (OperationCanceledException) when (request.Token.IsCancellationRequested)
            {
                request.Completion.TrySetCanceled(request.Token);
            }
            catch (Exception exception)
            {
                request.Completion.TrySetException(exception);
            }
        }
    }

    private int ReadCore(Span<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        using CancellationTokenRegistration registration =
            cancellationToken.UnsafeRegister(static wake => ((WakeEvent)wake!).Signal(), readWake);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (TryRead(buffer) is int read)
            {
                return read;
            }

            WaitingForInput?.Invoke();
            WaitUntilReady(PollIn, readWake);
        }
    }

    // The bytes read, 0 at end of stream, or null when nothing is there yet.
    private unsafe int? TryRead(Span<byte> buffer)
    {
        using HandleLease lease = new(master);
        while (true)
        {
            nint read;
            fixed (byte* bytes = buffer)
            {
                read = PseudoTerminalNative.Read(lease.Descriptor, bytes, (nuint)buffer.Length);
            }

            if (read >= 0)
            {
                return (int)read;
            }

            int error = Marshal.GetLastPInvokeError();
            switch (error)
            {
                case ErrorInterrupted:
                    continue;
                case ErrorTryAgain:
                    return null;
                case ErrorInputOutput:
                    // The slave side has hung up: end of stream.
                    return 0;
                default:
                    throw new IOException($"read from pty master failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    // The bytes written; 0 when the slave's input queue is full.
    private unsafe int TryWrite(ReadOnlySpan<byte> buffer)
    {
        using HandleLease lease = new(master);
        while (true)
        {
            nint written;
            fixed (byte* bytes = buffer)
            {
                written = PseudoTerminalNative.Write(lease.Descriptor, bytes, (nuint)buffer.Length);
            }

            if (written >= 0)
            {
                return (int)written;
            }

            int error = Marshal.GetLastPInvokeError();
            switch (error)
            {
                case ErrorInterrupted:
                    continue;
                case ErrorTryAgain:
                    return 0;
                default:
                    throw new IOException($"write to pty master failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    // Waits in poll() until the master may be ready for the events, the wake event or the closed event
    // fires, or PollInterval passes. The caller tries again and re-checks cancellation and disposal, so a
    // spurious or missed wake-up costs at most one interval.
    private unsafe void WaitUntilReady(short events, WakeEvent? wake)
    {
        PollDescriptor* descriptors = stackalloc PollDescriptor[3];
        using HandleLease masterLease = new(master);
        using HandleLease closedLease = new(closed.Handle);
        using HandleLease wakeLease = new(wake?.Handle);
        descriptors[0] = new PollDescriptor { Fd = masterLease.Descriptor, Events = events };
        descriptors[1] = new PollDescriptor { Fd = closedLease.Descriptor, Events = PollIn };
        // poll() ignores a negative descriptor.
        descriptors[2] = new PollDescriptor { Fd = wakeLease.Descriptor, Events = PollIn };
        int ready = Poll(descriptors, 3, (int)PollInterval.TotalMilliseconds);
        if (ready < 0)
        {
            if (Marshal.GetLastPInvokeError() == ErrorInterrupted)
            {
                return;
            }

            throw LastError("poll on pty master");
        }

        if ((descriptors[2].ReturnedEvents & PollIn) != 0)
        {
            wake!.Drain();
        }
    }

    private sealed record ReadRequest(Memory<byte> Buffer, CancellationToken Token)
    {
        // Completed on the reader thread: continuations must run elsewhere, or they would hold up reading.
        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // Keeps a descriptor from being closed (and its number reused) while a system call uses it; throws
    // ObjectDisposedException when it is already closed. A lease of no handle holds descriptor -1.
    private readonly ref struct HandleLease
    {
        private readonly SafeFileHandle? handle;

        public HandleLease(SafeFileHandle? handle)
        {
            if (handle is null)
            {
                Descriptor = -1;
                return;
            }

            bool added = false;
            handle.DangerousAddRef(ref added);
            this.handle = handle;
            Descriptor = (int)handle.DangerousGetHandle();
        }

        public int Descriptor { get; }

        public void Dispose() => handle?.DangerousRelease();
    }
}
