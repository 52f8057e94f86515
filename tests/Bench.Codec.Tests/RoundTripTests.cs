using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

public class RoundTripTests
{
    [Test]
    public void SaleWithPinIccTrack3AndSecondaryBitmapSurvivesEncodeAndDecode()
    {
        var sale = Factory.Sale(new SaleDetails(Card, 1, "999999", "123456")
        {
            PinBlock = Convert.FromHexString("0123456789ABCDEF"),
            IccData = [new Tlv(0x9F26, Convert.FromHexString("1122334455667788")), new Tlv(0x82, [0x7C, 0x00])],
            Track3 = "996222021234567890128=1561560000000000000003000000214000049120=000000000000=000000000000=0000000",
        }).With(90, new string('7', 42)).With(128, "0102030405060708");

        var decoded = IsoCodec.Cup.Decode(IsoCodec.Cup.Encode(sale));

        Assert.That(decoded.Mti, Is.EqualTo("0200"));
        Assert.That(decoded.Fields, Is.EqualTo(sale.Fields));
        Assert.That(decoded.Tpdu, Is.EqualTo(sale.Tpdu));
        Assert.That(decoded.Header, Is.EqualTo(sale.Header));
        Assert.That(TlvCodec.Decode(decoded.Binary(55)), Has.Count.EqualTo(2));
    }

    [Test]
    public void ChipSaleSaysSoInHeaderAndEntryMode()
    {
        var chip = Factory.Sale(new SaleDetails(Card, 1, "000010", "000001") { IccData = [new Tlv(0x9F26, new byte[8])] });
        var stripeWithPin = Factory.Sale(new SaleDetails(Card, 1, "000011", "000001") { PinBlock = new byte[8] });

        Assert.That(chip.Header.ApplicationClass, Is.EqualTo(MessageHeader.IntegratedCircuit));
        Assert.That(chip[22], Is.EqualTo("052"));
        Assert.That(Sale().Header.ApplicationClass, Is.EqualTo(MessageHeader.Magstripe));
        Assert.That(Sale()[22], Is.EqualTo("022"));
        Assert.That(stripeWithPin[22], Is.EqualTo("021"));
    }

    [Test]
    public void HeaderNibblesAndReservedBytesSurvive()
    {
        var header = new MessageHeader(MessageHeader.IntegratedCircuit, 0x22, 1, ProcessingRequirement.ReSignOn, 0xABCDEF);
        var decoded = IsoCodec.Cup.Decode(IsoCodec.Cup.Encode(SignOn().WithHeader(header)));
        Assert.That(decoded.Header, Is.EqualTo(header));
    }

    [Test]
    public void ResponseMtiAndRequestTest()
    {
        Assert.That(MessageTypes.ResponseTo("0200"), Is.EqualTo("0210"));
        Assert.That(MessageTypes.ResponseTo("0400"), Is.EqualTo("0410"));
        Assert.That(MessageTypes.IsRequest("0800"), Is.True);
        Assert.That(MessageTypes.IsRequest("0810"), Is.False);
    }

    [Test]
    public void ToStringMasksCardData()
    {
        var text = Sale().With(52, "0123456789ABCDEF").With(55, "5A084761340000000019").ToString();
        Assert.That(text, Does.Not.Contain("4761340000000019"));
        Assert.That(text, Does.Contain("476134******0019"));
        Assert.That(text, Does.Not.Contain("0123456789ABCDEF"));
        Assert.That(text, Does.Contain("55=[ICC data, 10 bytes]"));
    }
}
