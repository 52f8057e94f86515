using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

public sealed class TerminalProfileLoaderTests
{
    [Test]
    public void Loads_every_field()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal);

        var profile = TerminalProfileLoader.Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Model, Is.EqualTo("Test Terminal"));
            Assert.That(profile.Link, Is.EqualTo("ethernet"));
            Assert.That(profile.ResponseTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(profile.ConnectTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(profile.CardReadTimeout, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
            Assert.That(profile.ReversalResendCount, Is.EqualTo(3));
            Assert.That(profile.SimulationTimeScale, Is.EqualTo(20));
            Assert.That(profile.TerminalId, Is.EqualTo("10000001"));
            Assert.That(profile.MerchantId, Is.EqualTo("898100012340001"));
        });
    }

    // Each case breaks one line of the valid profile; the line numbers are those of FixtureTexts.Terminal.
    [TestCase("responseTimeout:", "responseTimeout: 60", 3, "responseTimeout", "must be a duration with a unit")]
    [TestCase("responseTimeout:", "responseTimeout: soon", 3, "responseTimeout", "(got 'soon')")]
    [TestCase("responseTimeout:", "responseTimeout: 0s", 3, "responseTimeout", "must be > 0")]
    [TestCase("connectTimeout:", "connectTimeout: -1s", 4, "connectTimeout", "must not be negative (got '-1s')")]
    [TestCase("link:", "link: carrier-pigeon", 2, "link", "must be one of ethernet")]
    [TestCase("reversalResendCount:", "reversalResendCount: 1.5", 6, "reversalResendCount", "must be a whole number (got '1.5')")]
    [TestCase("reversalResendCount:", "reversalResendCount: 12", 6, "reversalResendCount", "between 0 and 9")]
    [TestCase("simulationTimeScale:", "simulationTimeScale: 0", 7, "simulationTimeScale", "must be > 0 (got 0)")]
    [TestCase("simulationTimeScale:", "simulationTimeScale: fast", 7, "simulationTimeScale", "must be a number (got 'fast')")]
    [TestCase("terminalId:", "terminalId: \"1234567\"", 8, "terminalId", "exactly 8 characters (got 7")]
    [TestCase("merchantId:", "merchantId: \"89810001234000\"", 9, "merchantId", "exactly 15 characters (got 14")]
    [TestCase("model:", "model: [a, b]", 1, "model", "must be a single value (got a list)")]
    [TestCase("model:", "model:", 1, "model", "must not be empty")]
    [TestCase("model:", "model: \"  \"", 1, "model", "must not be empty")]
    [TestCase("link:", "lnk: ethernet", 2, "lnk", "unknown key")]
    [TestCase("link:", "Link: ethernet", 2, "Link", "did you mean 'link'?")]
    public void Reports_bad_values_at_their_key(string linePrefix, string replacement, int line, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Terminal, linePrefix, replacement));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, line, 1, keyPath, problem);
    }

    [Test]
    public void Reports_a_missing_key_at_the_mapping_start()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Terminal, "merchantId:", ""));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 1, 1, "merchantId", "required key is missing");
    }

    [Test]
    public void Reports_invalid_yaml_with_its_position()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", "model: x\nlink: [ethernet\n");

        var error = Assert.Throws<CampaignFileException>(() => TerminalProfileLoader.Load(file))!;

        Assert.That(error.Problem, Does.StartWith("invalid YAML"));
        Assert.That(error.Line, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Reports_duplicate_keys()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + "\nmodel: again\n");

        var error = Assert.Throws<CampaignFileException>(() => TerminalProfileLoader.Load(file))!;

        Assert.That(error.Message, Does.Contain("invalid YAML").And.Contain(file));
    }

    [Test]
    public void Reports_an_empty_file_and_a_non_mapping_root()
    {
        using var directory = new TemporaryDirectory();
        var empty = directory.Write("empty.yaml", "");
        var list = directory.Write("list.yaml", "- a\n- b\n");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(empty), empty, 1, 1, "", "file is empty");
        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(list), list, 1, 1, "", "expected a mapping");
    }

    [Test]
    public void Reports_a_missing_file()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "nope.yaml");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 1, 1, "", "cannot read file");
    }
}
