namespace Bench.Codec.Tests;

public class MagneticStripeCardTests
{
    private static readonly MagneticStripeCard Card = TestMessages.Card;

    [Test]
    public void RawTrackCarriesSentinelsAndLrc()
    {
        // Data values XORed: ';'=B, digits, '='=D, '?'=F. The LRC of this track is computed below by hand
        // as the XOR of every character's low four bits, written as the character '0' + value.
        var body = ";4761340000000019=28122010000?";
        var lrc = body.Aggregate(0, (x, c) => x ^ (c - '0'));
        Assert.That(Card.RawTrack, Is.EqualTo(body + (char)('0' + lrc)));
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
