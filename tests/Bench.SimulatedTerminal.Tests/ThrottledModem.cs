using System.Net;
using Bench.SimulatedTerminal.Modem;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// An Ethernet modem a test can slow down: a connect that takes <see cref="ConnectDelay"/> of terminal time
/// (as a dial does), and reads that hand the firmware at most <see cref="MaximumReadLength"/> bytes each (a
/// reply arriving in small segments, deterministically, whatever TCP does).
/// </summary>
internal sealed class ThrottledModem(EndPoint host, TimeSpan connectTimeout, TimeProvider time) : IModem
{
    private readonly EthernetModem inner = new(host, connectTimeout, time);
    private TaskCompletionSource connecting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Terminal time each connect takes before the TCP connect; zero by default.</summary>
    public TimeSpan ConnectDelay { get; set; }

    /// <summary>The most bytes one read returns; null leaves reads as TCP delivers them.</summary>
    public int? MaximumReadLength { get; set; }

    public string Medium => inner.Medium;

    public event Action<string>? Connected
    {
        add => inner.Connected += value;
        remove => inner.Connected -= value;
    }

    /// <summary>Completes once a connect has started waiting out <see cref="ConnectDelay"/> (its timer exists, so advancing the clock reaches it).</summary>
    public Task ConnectStarted => Volatile.Read(ref connecting).Task;

    public void BeginPreDial(CancellationToken power) => inner.BeginPreDial(power);

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        if (ConnectDelay > TimeSpan.Zero)
        {
            var delay = Task.Delay(ConnectDelay, time, cancellationToken);
            Volatile.Read(ref connecting).TrySetResult();
            await delay;
        }
        var stream = await inner.OpenAsync(cancellationToken);
        return MaximumReadLength is { } limit ? new SegmentingStream(stream, limit) : stream;
    }

    /// <summary>Arms <see cref="ConnectStarted"/> for the next connect.</summary>
    public void ResetConnectStarted() => Volatile.Write(ref connecting, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void HangUp() => inner.HangUp();

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Passes writes through and cuts every read to at most <c>limit</c> bytes.</summary>
    private sealed class SegmentingStream(Stream inner, int limit) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, limit)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, limit));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
