using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

public class FrameReaderTests
{
    /// <summary>Hands out at most a few bytes per read, as a slow or fragmenting link does.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4096)]
    public async Task ReadsBackToBackFramesHoweverTheyAreSplit(int chunk)
    {
        var frames = IsoCodec.Cup.EncodeFrame(SignOn()).Concat(IsoCodec.Cup.EncodeFrame(Sale())).ToArray();
        var reader = new FrameReader(new TricklingStream(frames, chunk));

        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);
        var end = await reader.ReadAsync(CancellationToken.None);

        Assert.That(IsoCodec.Cup.Decode(first!.Body).Mti, Is.EqualTo("0800"));
        Assert.That(IsoCodec.Cup.Decode(second!.Body).Mti, Is.EqualTo("0200"));
        Assert.That(second.Timestamp, Is.GreaterThanOrEqualTo(first.Timestamp));
        Assert.That(end, Is.Null, "clean end of stream between frames");
    }

    /// <summary>Hands out one chunk per read, each only once the test releases it.</summary>
    private sealed class ChunkedStream(params byte[][] chunks) : Stream
    {
        private readonly SemaphoreSlim released = new(0);
        private int next;

        public void Release() => released.Release();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (next == chunks.Length) return 0;
            await released.WaitAsync(cancellationToken);
            chunks[next].CopyTo(buffer);
            return chunks[next++].Length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public async Task EachFrameIsStampedWithTheReadThatBroughtItsLastByte()
    {
        var first = IsoCodec.Cup.EncodeFrame(SignOn());
        var second = IsoCodec.Cup.EncodeFrame(Sale());
        var third = IsoCodec.Cup.EncodeFrame(SignOn());
        // Read 1: frames one and two whole, half of three. Read 2: the rest of three.
        var stream = new ChunkedStream([.. first, .. second, .. third[..10]], third[10..]);
        var reader = new FrameReader(stream);

        stream.Release();
        var one = await reader.ReadAsync(CancellationToken.None);
        var two = await reader.ReadAsync(CancellationToken.None);
        var beforeSecondRead = System.Diagnostics.Stopwatch.GetTimestamp();
        stream.Release();
        var three = await reader.ReadAsync(CancellationToken.None);

        Assert.That(two!.Timestamp, Is.EqualTo(one!.Timestamp), "frame two arrived in the same read as frame one");
        Assert.That(two.Timestamp, Is.LessThan(beforeSecondRead), "not stamped when it was taken out of the buffer");
        Assert.That(three!.Timestamp, Is.GreaterThan(beforeSecondRead));
    }

    [Test]
    public void LengthOverTheMaximumIsRefusedBeforeReadingTheBody()
    {
        var reader = new FrameReader(new MemoryStream([0xFF, 0xFF, 0x00]), maxBodyLength: 1024);
        var error = Assert.ThrowsAsync<IsoDecodeException>(async () => await reader.ReadAsync(CancellationToken.None))!;
        Assert.That((error.Element, error.Offset), Is.EqualTo(("length", 0)));
        Assert.That(error.Reason, Does.Contain("65535 exceeds the maximum 1024"));
    }

    [Test]
    public void ZeroLength()
    {
        var reader = new FrameReader(new MemoryStream([0x00, 0x00]));
        Assert.ThrowsAsync<IsoDecodeException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    [Test]
    public void StreamEndingInsideABodyIsATruncatedFrame()
    {
        var frame = IsoCodec.Cup.EncodeFrame(Sale());
        var reader = new FrameReader(new MemoryStream(frame[..40]));
        var error = Assert.ThrowsAsync<IsoDecodeException>(async () => await reader.ReadAsync(CancellationToken.None))!;
        Assert.That((error.Element, error.Offset), Is.EqualTo(("body", 38)));
        Assert.That(error.Reason, Does.Contain("38 of 96 body bytes"));
    }

    [Test]
    public void StreamEndingInsideTheLengthPrefix()
    {
        var reader = new FrameReader(new MemoryStream([0x00]));
        var error = Assert.ThrowsAsync<IsoDecodeException>(async () => await reader.ReadAsync(CancellationToken.None))!;
        Assert.That(error.Element, Is.EqualTo("length"));
    }
}
