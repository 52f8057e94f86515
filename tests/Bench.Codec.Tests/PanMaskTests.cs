namespace Bench.Codec.Tests;

public class PanMaskTests
{
    [TestCase("4761340000000019", "476134******0019")]
    [TestCase("6222021234567890123", "622202*********0123")]
    [TestCase("1234", "****")]
    public void KeepsFirstSixAndLastFour(string pan, string masked) => Assert.That(PanMask.Mask(pan), Is.EqualTo(masked));

    [Test]
    public void MasksCardNumbersInsideFreeText() =>
        Assert.That(PanMask.MaskText("card 4761340000000019 stan 000002 amount 000000012345"),
            Is.EqualTo("card 476134******0019 stan 000002 amount 000000012345"));

    [Test]
    public void TrackDataHidesEverythingAfterTheSeparator() =>
        Assert.That(PanMask.MaskTrack("4761340000000019=28122010000"), Is.EqualTo("476134******0019=***********"));
}
