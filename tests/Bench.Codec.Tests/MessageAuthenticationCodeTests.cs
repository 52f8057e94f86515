using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

public class MessageAuthenticationCodeTests
{
    private static readonly byte[] Key = Convert.FromHexString("0123456789ABCDEF");

    [Test]
    public void DesPrimitiveMatchesTheClassicTestVector()
    {
        // FIPS 46 worked example: key 133457799BBCDFF1, plaintext 0123456789ABCDEF → 85E813540F0AB405.
        using var des = System.Security.Cryptography.DES.Create();
        var key = Convert.FromHexString("133457799BBCDFF1");
        des.Key = key;
        var cipher = des.EncryptEcb(Convert.FromHexString("0123456789ABCDEF"), System.Security.Cryptography.PaddingMode.None);
        Assert.That(Hex.Of(cipher), Is.EqualTo("85E813540F0AB405"));
    }

    [Test]
    public void CupEcbMacOfAKnownInput()
    {
        // Input 00 01 .. 13 (20 bytes), key 0123456789ABCDEF, worked step by step (openssl des-ecb for each DES):
        //   XOR of blocks 0001..07, 08..0F, 10111213 00000000  = 18 19 1A 1B 08 08 08 08
        //   as hex text "18191A1B08080808"; DES("18191A1B") = 803761DBE858FE16
        //   XOR "08080808" (ASCII)                          = B00F51E3D860CE2E
        //   DES(...) = C9688AA1F743B00A → first 8 hex characters "C9688AA1"
        using var mac = new MessageAuthenticationCode(Key);
        var result = mac.Compute(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        Assert.That(System.Text.Encoding.ASCII.GetString(result), Is.EqualTo("C9688AA1"));
    }

    [Test]
    public void SignedMessageVerifiesAndAnyChangeBreaksIt()
    {
        using var mac = new MessageAuthenticationCode(Key);
        var signer = new MessageSigner(IsoCodec.Cup, mac);
        var signed = signer.Sign(Sale());

        Assert.That(signed.Has(64), Is.True);
        Assert.That(signer.Verify(signed), Is.True);
        Assert.That(signer.Verify(IsoCodec.Cup.Decode(IsoCodec.Cup.Encode(signed))), Is.True, "after a wire round trip");
        Assert.That(signer.Verify(signed.With(4, "000000012346")), Is.False, "amount changed");
        Assert.That(signer.Verify(signed.With(64, "0000000000000000")), Is.False, "MAC corrupted");
        Assert.That(signer.Verify(Sale()), Is.False, "no MAC at all");
    }

    [Test]
    public void MacInputStartsAtTheMtiAndStopsBeforeField64()
    {
        var input = IsoCodec.Cup.MacInput(Sale());
        var body = IsoCodec.Cup.Encode(Sale().With(64, "0000000000000000"));
        Assert.That(Hex.Of(input), Is.EqualTo(Hex.Of(body.AsSpan(IsoCodec.MtiOffset, body.Length - IsoCodec.MtiOffset - 8))));
        Assert.That(input[9] & 0x01, Is.EqualTo(1), "bit 64 is set in the MAC'd bitmap");
    }

    [Test]
    public void MacInputWithSecondaryFieldsCoversFieldsBeforeSixtyFourOnly()
    {
        // Fields 90 and 128 follow field 64 on the wire; the MAC covers MTI, both bitmaps and fields 2 to 63.
        var message = Sale().With(90, new string('1', 42)).With(128, "0102030405060708");
        var input = IsoCodec.Cup.MacInput(message);
        var body = IsoCodec.Cup.Encode(message.With(64, "0000000000000000"));
        var withoutSecondaryFields = IsoCodec.Cup.Encode(Sale().With(64, "0000000000000000"));

        // Same bytes as the plain sale from field 2 to 63; only the 16-byte bitmap differs.
        var fieldsTwoToSixtyThree = withoutSecondaryFields.AsSpan(IsoCodec.MtiOffset + 2 + 8, withoutSecondaryFields.Length - IsoCodec.MtiOffset - 2 - 8 - 8);
        Assert.That(Hex.Of(input.AsSpan(2 + 16)), Is.EqualTo(Hex.Of(fieldsTwoToSixtyThree)));
        Assert.That(Hex.Of(input.AsSpan(0, 2 + 16)), Is.EqualTo(Hex.Of(body.AsSpan(IsoCodec.MtiOffset, 2 + 16))));
    }

    [Test]
    public void KeyMustBeEightBytes() =>
        Assert.Throws<ArgumentException>(() => new MessageAuthenticationCode(new byte[16]));
}
