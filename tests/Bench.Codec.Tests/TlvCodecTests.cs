namespace Bench.Codec.Tests;

public class TlvCodecTests
{
    [Test]
    public void DecodesOneTwoAndThreeByteTagsAndLongLengths()
    {
        var longValue = new byte[200];
        var items = new[] { new Tlv(0x82, [0x7C, 0x00]), new Tlv(0x9F26, [1, 2, 3, 4, 5, 6, 7, 8]), new Tlv(0xDF8101, [9]), new Tlv(0x9F10, longValue) };
        var encoded = TlvCodec.Encode(items);
        // 82 02 7C00 | 9F26 08 0102030405060708 | DF8101 01 09 | 9F10 81 C8 …
        Assert.That(Hex.Of(encoded.AsSpan(0, 24)), Is.EqualTo("82027C00" + "9F26080102030405060708" + "DF81010109" + "9F1081C8"));
        var decoded = TlvCodec.Decode(encoded);
        Assert.That(decoded.Select(t => t.Tag), Is.EqualTo(items.Select(t => t.Tag)));
        Assert.That(decoded[3].Value, Has.Length.EqualTo(200));
        Assert.That(decoded[1].ToString(), Is.EqualTo("9F26=0102030405060708"));
    }

    [TestCase("9F", 0, "tag truncated")]
    [TestCase("9F26", 2, "length of tag 9F26 missing")]
    [TestCase("9F2608 0102", 3, "needs 8 bytes, 2 left")]
    [TestCase("82 80", 1, "indefinite length")]
    [TestCase("82 83 000001", 1, "not supported")]
    public void ErrorsNameField55AndTheOffset(string hex, int offset, string reason)
    {
        var error = Assert.Throws<IsoDecodeException>(() => TlvCodec.Decode(Hex.Bytes(hex)))!;
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 55", offset)));
        Assert.That(error.Reason, Does.Contain(reason));
    }
}
