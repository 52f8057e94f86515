using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

public sealed class TestCardLoaderTests
{
    [Test]
    public void Loads_a_card_and_strips_pan_grouping()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("card.yaml", FixtureTexts.Card);

        var card = TestCardLoader.Load(file);

        Assert.That(card, Is.EqualTo(new TestCardDefinition("test debit", "6222021234567890128", "3012", "220", "0000000000")));
    }

    [Test]
    public void Masks_the_pan_when_printed()
    {
        var card = new TestCardDefinition("test debit", "6222021234567890128", "3012", "220", "");

        Assert.That(card.MaskedPan, Is.EqualTo("622202*********0128"));
        Assert.That(card.ToString(), Does.Not.Contain("6222021234567890128"));
    }

    [Test]
    public void Discretionary_data_is_optional()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("card.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Card, "discretionaryData:", ""));

        Assert.That(TestCardLoader.Load(file).DiscretionaryData, Is.Empty);
    }

    [TestCase("pan:", "pan: 6222 0212 3456 7890 129", 2, "pan", "fails the Luhn check digit")]
    [TestCase("pan:", "pan: 6222-0212", 2, "pan", "must be 13 to 19 digits")]
    [TestCase("pan:", "pan: \"622202123456\"", 2, "pan", "must be 13 to 19 digits (got 12 characters)")]
    [TestCase("expiry:", "expiry: \"3013\"", 3, "expiry", "must be YYMM with month 01 to 12 (got '3013')")]
    [TestCase("expiry:", "expiry: 12/30", 3, "expiry", "must be YYMM")]
    [TestCase("serviceCode:", "serviceCode: \"2201\"", 4, "serviceCode", "must be 3 digits")]
    [TestCase("discretionaryData:", "discretionaryData: ABC", 5, "discretionaryData", "digits only")]
    [TestCase("discretionaryData:", "discretionaryData: \"0000000000000000000\"", 5, "discretionaryData", "at most 37 fit")]
    [TestCase("label:", "name: test", 1, "name", "unknown key")]
    public void Reports_bad_values_at_their_key(string linePrefix, string replacement, int line, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("card.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Card, linePrefix, replacement));

        FixtureErrorAssert.Throws(() => TestCardLoader.Load(file), file, line, 1, keyPath, problem);
    }

    [TestCase("6222021234567890128", true)]
    [TestCase("4761730000000011", true)]
    [TestCase("79927398713", true)]
    [TestCase("79927398710", false)]
    [TestCase("6222021234567890129", false)]
    [TestCase("62220a", false)]
    public void Luhn_check(string digits, bool valid)
    {
        Assert.That(Bench.Codec.MagneticStripeCard.IsLuhnValid(digits), Is.EqualTo(valid));
    }
}
