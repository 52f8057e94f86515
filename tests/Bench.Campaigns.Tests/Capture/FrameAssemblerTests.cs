using Bench.Cli.Proxy;
using Bench.Codec;

namespace Bench.Campaigns.Tests.Capture;

public sealed class FrameAssemblerTests
{
    private static readonly byte[] First = IsoCodec.Cup.EncodeFrame(LoopbackTerminal.SignOn(1));
    private static readonly byte[] Second = IsoCodec.Cup.EncodeFrame(LoopbackTerminal.Sale(2));

    [Test]
    public void Frames_arriving_a_byte_at_a_time_come_out_whole_and_in_order()
    {
        var assembler = new FrameAssembler();
        var frames = new List<byte[]>();

        foreach (var value in First.Concat(Second)) frames.AddRange(assembler.Push([value]));

        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.EqualTo(new[] { First[2..], Second[2..] }));
            Assert.That(assembler.PendingBytes, Is.Zero);
            Assert.That(assembler.Failure, Is.Null);
        });
    }

    [Test]
    public void Several_frames_in_one_piece_and_a_frame_split_across_pieces()
    {
        var assembler = new FrameAssembler();
        var stream = First.Concat(Second).Concat(First).ToArray();
        var cut = First.Length + Second.Length + 5;

        var head = assembler.Push(stream.AsSpan(0, cut));
        var pending = assembler.PendingBytes;
        var tail = assembler.Push(stream.AsSpan(cut));

        Assert.Multiple(() =>
        {
            Assert.That(head, Is.EqualTo(new[] { First[2..], Second[2..] }));
            Assert.That(pending, Is.EqualTo(5), "the third frame has begun");
            Assert.That(tail, Is.EqualTo(new[] { First[2..] }));
        });
    }

    [TestCase(new byte[] { 0x00, 0x00, 0x01 }, "zero-length frame")]
    [TestCase(new byte[] { 0x10, 0x01, 0x01 }, "length 4097 exceeds the maximum 4096")]
    public void A_broken_length_ends_the_framing_once_and_later_bytes_are_ignored(byte[] bytes, string reason)
    {
        var assembler = new FrameAssembler();

        var before = assembler.Push(First);
        var broken = assembler.Push(bytes);
        var after = assembler.Push(Second);

        Assert.Multiple(() =>
        {
            Assert.That(before, Has.Count.EqualTo(1));
            Assert.That(broken, Is.Empty);
            Assert.That(after, Is.Empty);
            Assert.That(assembler.Failure?.Reason, Does.Contain(reason).And.Contain($"after {First.Length} bytes"));
        });
    }
}
