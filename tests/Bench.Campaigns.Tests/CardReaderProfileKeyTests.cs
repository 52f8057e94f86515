using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>A terminal profile's <c>cardReader:</c>: the slowest swipe its magnetic reader still decodes.</summary>
public sealed class CardReaderProfileKeyTests
{
    [Test]
    public void A_profile_without_the_key_has_the_default_reader()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal);

        Assert.That(TerminalProfileLoader.Load(file).CardReader.SlowestSwipe, Is.EqualTo(new CardReaderSettings().SlowestSwipe));
        Assert.That(new CardReaderSettings().SlowestSwipe, Is.EqualTo(TimeSpan.FromMilliseconds(800)));
    }

    [TestCase("600ms", 600)]
    [TestCase("1.5s", 1500)]
    [TestCase("10s", 10_000)]
    public void The_slowest_swipe_is_read_as_a_duration(string value, int milliseconds)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + $"\ncardReader:\n  slowestSwipe: {value}\n");

        Assert.That(TerminalProfileLoader.Load(file).CardReader.SlowestSwipe, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("slowestSwipe: 0s", "cardReader.slowestSwipe", "must be > 0 and at most 10s: the longest the card may take to cross the head (got 0s)")]
    [TestCase("slowestSwipe: 11s", "cardReader.slowestSwipe", "must be > 0 and at most 10s")]
    [TestCase("slowestSwipe: -1s", "cardReader.slowestSwipe", "must not be negative")]
    [TestCase("slowestSwipe: 0.6", "cardReader.slowestSwipe", "must be a duration with a unit")]
    [TestCase("slowestSwype: 600ms", "cardReader.slowestSwype", "unknown key (did you mean 'slowestSwipe'?)")]
    public void A_bad_value_is_reported_at_its_line(string line, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + $"\ncardReader:\n  {line}\n");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 11, 3, keyPath, problem);
    }

    [Test]
    public void A_shipped_profile_documents_the_key()
    {
        var profile = TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/verifone-vx520-ethernet.yaml"));

        Assert.That(profile.CardReader.SlowestSwipe, Is.EqualTo(TimeSpan.FromMilliseconds(800)));
    }
}
