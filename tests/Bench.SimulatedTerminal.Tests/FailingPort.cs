namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// A serial port whose pending read fails when the test says so, with whatever a real port can throw:
/// an <see cref="InvalidOperationException"/> from a closed <c>SerialPort</c>, an
/// <see cref="UnauthorizedAccessException"/> from an unplugged adapter, a cancellation of its own.
/// </summary>
internal sealed class FailingPort : Stream
{
    private readonly TaskCompletionSource<int> failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Fail(Exception exception) => failure.TrySetException(exception);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(failure.Task.WaitAsync(cancellationToken));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
