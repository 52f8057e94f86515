using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

public sealed class DurationTextTests
{
    [TestCase("60s", 60_000)]
    [TestCase("500ms", 500)]
    [TestCase("1.5s", 1_500)]
    [TestCase("2min", 120_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("0s", 0)]
    [TestCase(" 30 s ", 30_000)]
    public void Parses_numbers_with_units(string text, double expectedMilliseconds)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration.TotalMilliseconds, Is.EqualTo(expectedMilliseconds));
    }

    [TestCase("60")]
    [TestCase("-5s")]
    [TestCase("5 seconds")]
    [TestCase("s")]
    [TestCase("1,5s")]
    [TestCase("")]
    public void Rejects_bare_negative_or_malformed_text(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }

    [Test]
    public void Formats_whole_seconds_and_milliseconds()
    {
        Assert.That(DurationText.Format(TimeSpan.FromSeconds(60)), Is.EqualTo("60s"));
        Assert.That(DurationText.Format(TimeSpan.FromMilliseconds(1500)), Is.EqualTo("1500ms"));
    }
}
