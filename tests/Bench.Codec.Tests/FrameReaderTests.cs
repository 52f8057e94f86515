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
