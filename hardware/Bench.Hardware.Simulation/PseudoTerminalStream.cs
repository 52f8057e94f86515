using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Bench.Hardware.Simulation.PseudoTerminalNative;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A stream over a pty master descriptor (non-blocking). Reads and writes wait in poll() together with an
/// eventfd that cancellation and disposal signal, so a waiting read ends promptly when cancelled — which a
/// FileStream over the same descriptor could not do. The descriptors belong to <see cref="PseudoTerminalPair"/>.
/// </summary>
internal sealed unsafe class PseudoTerminalStream(SafeFileHandle master, SafeFileHandle wake) : Stream
{
    private volatile bool _disposed;

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

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

    // A read waits in poll() until the other side writes, which can be minutes: it gets a thread of
    // its own (LongRunning) so idle ports never starve the thread pool that timers and sockets use.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Factory.StartNew(
            () => ReadCore(buffer.Span, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer) => WriteCore(buffer, CancellationToken.None);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => WriteCore(buffer.Span, cancellationToken), cancellationToken));

    public override void Flush()
    {
        // Bytes written to the master are already in the kernel's tty buffer.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            Wake();
        }

        base.Dispose(disposing);
    }

    private int ReadCore(Span<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        using CancellationTokenRegistration registration = cancellationToken.Register(Wake);
        while (true)
        {
            WaitUntilReady(PollIn, cancellationToken);
            using HandleLease lease = new(master);
            fixed (byte* bytes = buffer)
            {
                nint read = PseudoTerminalNative.Read(lease.Fd, bytes, (nuint)buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == ErrorInputOutput)
            {
                // The slave side has hung up: end of stream.
                return 0;
            }

            if (error is not (ErrorTryAgain or ErrorInterrupted))
            {
                throw new IOException($"read from pty master failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    private void WriteCore(ReadOnlySpan<byte> buffer, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration registration = cancellationToken.Register(Wake);
        while (!buffer.IsEmpty)
        {
            WaitUntilReady(PollOut, cancellationToken);
            using HandleLease lease = new(master);
            fixed (byte* bytes = buffer)
            {
                nint written = PseudoTerminalNative.Write(lease.Fd, bytes, (nuint)buffer.Length);
                if (written >= 0)
                {
                    buffer = buffer[(int)written..];
                    continue;
                }
            }

            int error = Marshal.GetLastPInvokeError();
            if (error is not (ErrorTryAgain or ErrorInterrupted))
            {
                throw new IOException($"write to pty master failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
    }

    // Waits until the master is ready for the given event, or throws when cancelled or disposed.
    private void WaitUntilReady(short events, CancellationToken cancellationToken)
    {
        PollDescriptor* descriptors = stackalloc PollDescriptor[2];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            using HandleLease masterLease = new(master);
            using HandleLease wakeLease = new(wake);
            descriptors[0] = new PollDescriptor { Fd = masterLease.Fd, Events = events };
            descriptors[1] = new PollDescriptor { Fd = wakeLease.Fd, Events = PollIn };
            int ready = Poll(descriptors, 2, -1);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == ErrorInterrupted)
                {
                    continue;
                }

                throw LastError("poll on pty master");
            }

            if ((descriptors[1].ReturnedEvents & PollIn) != 0)
            {
                // Drain the eventfd, then re-check why we were woken.
                ulong counter;
                _ = PseudoTerminalNative.Read(wakeLease.Fd, (byte*)&counter, sizeof(ulong));
                continue;
            }

            if ((descriptors[0].ReturnedEvents & (events | PollError | PollHangUp)) != 0)
            {
                return;
            }
        }
    }

    private void Wake()
    {
        if (wake.IsClosed)
        {
            return;
        }

        bool added = false;
        try
        {
            wake.DangerousAddRef(ref added);
            ulong one = 1;
            _ = PseudoTerminalNative.Write((int)wake.DangerousGetHandle(), (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The pair is already closed: nobody is waiting any more.
        }
        finally
        {
            if (added)
            {
                wake.DangerousRelease();
            }
        }
    }

    // Keeps a descriptor from being closed (and its number reused) while a system call uses it.
    private readonly ref struct HandleLease
    {
        private readonly SafeFileHandle _handle;

        public HandleLease(SafeFileHandle handle)
        {
            bool added = false;
            handle.DangerousAddRef(ref added);
            _handle = handle;
            Fd = (int)handle.DangerousGetHandle();
        }

        public int Fd { get; }

        public void Dispose() => _handle.DangerousRelease();
    }
}
