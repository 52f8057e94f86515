namespace Bench.Codec.Tests;

public class MagneticStripeCardTests
{
    private static readonly MagneticStripeCard Card = TestMessages.Card;

    [Test]
    public void RawTrackCarriesSentinelsAndLrc()
    {
        // LRC by hand: XOR of every character's four data bits from ';' to '?':
        //   ; B, 4 7 6 1 3 4 0 0 0 0 0 0 0 0 1 9, = D, 2 8 1 2 2 0 1 0 0 0 0, ? F
        //   B^4=F ^7=8 ^6=E ^1=F ^3=C ^4=8 ^1=9 ^9=0 ^D=D ^2=F ^8=7 ^1=6 ^2=4 ^2=6 ^1=7 ^F=8
        // so the LRC character is '0' + 8 = '8'.
        Assert.That(Card.RawTrack, Is.EqualTo(";4761340000000019=28122010000?8"));
        Assert.That(MagneticStripeCard.ParseRawTrack(Card.RawTrack), Is.EqualTo(Card));
    }

    [Test]
    public void EveryFiveBitCodeHasOddParity()
    {
        foreach (var code in Card.FiveBitCodes())
            Assert.That(System.Numerics.BitOperations.PopCount(code) % 2, Is.EqualTo(1), $"code {code:X2}");
    }

    [Test]
    public void DamagedTrackFailsItsLrc()
    {
        var raw = Card.RawTrack;
        var damaged = raw[..5] + (raw[5] == '0' ? '1' : '0') + raw[6..];
        Assert.That(() => MagneticStripeCard.ParseRawTrack(damaged), Throws.TypeOf<FormatException>().With.Message.Contains("LRC"));
        Assert.That(() => MagneticStripeCard.ParseRawTrack("4761"), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Track2DataIsField35()
    {
        Assert.That(Card.Track2Data, Is.EqualTo("4761340000000019=28122010000"));
        Assert.That(MagneticStripeCard.FromTrack2Data(Card.Track2Data), Is.EqualTo(Card));
    }

    [TestCase("4761340000000019", true)]
    [TestCase("4761340000000018", false)]
    [TestCase("6222021234567890127", false)]
    [TestCase("79927398713", true)]
    public void Luhn(string pan, bool valid) => Assert.That(MagneticStripeCard.IsLuhnValid(pan), Is.EqualTo(valid));
}
