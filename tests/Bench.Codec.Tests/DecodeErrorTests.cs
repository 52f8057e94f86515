using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

/// <summary>Every way a body can be wrong raises <see cref="IsoDecodeException"/> naming the element and byte offset.</summary>
public class DecodeErrorTests
{
    private static readonly IsoCodec Codec = IsoCodec.Cup;

    private static IsoDecodeException DecodeError(byte[] body) =>
        Assert.Throws<IsoDecodeException>(() => Codec.Decode(body))!;

    [Test]
    public void EmptyBodyIsATruncatedTpdu()
    {
        var error = DecodeError([]);
        Assert.That((error.Element, error.Offset), Is.EqualTo(("TPDU", 0)));
    }

    [Test]
    public void TruncatedHeader()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, "60 31"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("header", 5)));
    }

    [Test]
    public void UnknownMti()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0999", "0000000000000000"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("MTI", 11)));
        Assert.That(error.Reason, Does.Contain("0999"));
    }

    [Test]
    public void BadBcdDigitInMti()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "02A0", "0000000000000000"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("MTI", 12)));
        Assert.That(error.Reason, Does.Contain("bad BCD digit A"));
    }

    [Test]
    public void TruncatedBitmap()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0800", "0020"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("bitmap", 13)));
    }

    [Test]
    public void TruncatedSecondaryBitmap()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0800", "8020000000C00012", "0000"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("secondary bitmap", 21)));
    }

    [Test]
    public void FieldNotInTheProfile()
    {
        // Bit 5 (byte 0, 0x08) names field 5, which the CUP table does not define.
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0800", "0800000000000000"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("bitmap", 13)));
        Assert.That(error.Reason, Does.Contain("field 5"));
    }

    [Test]
    public void BadBcdDigitInAFixedNumericField()
    {
        // 0800 with only field 11; STAN 00 0B 01 has nibble B at byte 22.
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0800", "0020000000000000", "000B01"));
        Assert.That((error.Element, error.FieldNumber, error.Offset), Is.EqualTo(("field 11", 11, 22)));
    }

    [Test]
    public void TruncatedFixedField()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0800", "0020000000000000", "0000"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 11", 21)));
        Assert.That(error.Reason, Does.Contain("truncated"));
    }

    [Test]
    public void VariableLengthOverTheMaximum()
    {
        // Field 2 (PAN, LL n..19) claiming 21 digits.
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0200", "4000000000000000", "21", "00000000000000000000 00"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 2", 21)));
        Assert.That(error.Reason, Does.Contain("exceeds the maximum 19"));
    }

    [Test]
    public void BadBcdDigitInALengthPrefix()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0200", "4000000000000000", "1F", "00"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 2", 21)));
        Assert.That(error.Reason, Does.Contain("length prefix"));
    }

    [Test]
    public void TruncatedVariableField()
    {
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0200", "4000000000000000", "16", "47613400"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 2", 22)));
    }

    [Test]
    public void TrackSeparatorOutsideATrackField()
    {
        // Nibble D is '=' in field 35 but a bad digit in field 2 (PAN), at its 3rd data byte (offset 22 + 2).
        var error = DecodeError(Hex.Bytes(RequestTpdu, Header, "0200", "4000000000000000", "16", "4761D40000000019"));
        Assert.That((error.Element, error.Offset), Is.EqualTo(("field 2", 24)));
    }

    [Test]
    public void BytesAfterTheLastField()
    {
        var body = Codec.Encode(SignOn());
        var error = DecodeError([.. body, 0x00]);
        Assert.That((error.Element, error.Offset), Is.EqualTo(("body", body.Length)));
    }

    [Test]
    public void ErrorMessageNamesElementAndOffset()
    {
        var error = new IsoDecodeException("field 35", 40, "bad BCD digit E");
        Assert.That(error.Message, Is.EqualTo("field 35 at byte 40: bad BCD digit E"));
        Assert.That(error.FieldNumber, Is.EqualTo(35));
    }
}
