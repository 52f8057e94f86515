using Bench.Campaigns.Fixtures;
using Bench.Hardware.Ecr;

namespace Bench.Campaigns.Tests;

/// <summary>A terminal profile's <c>ecr:</c> (its ECR dialect) and <c>console:</c> (console rules) keys.</summary>
public sealed class EcrDialectProfileTests
{
    private const string LineDialect = """

        ecr:
          dialect: scripted
          framing: line
          sale: "PAY {amount}"
          cardPrompt: '^INSERT CARD$'
          result:
            approved: '^OK (?<approvalCode>\w+)$'
            declined: '^NO (?<responseCode>\w\w)$'
            timeout: '^TIMEOUT$'
        """;

    // Lines 19 to 23, after LineDialect's last line (18).
    private const string Templates = """

          simulatedTerminal:
            cardPrompt: "INSERT CARD"
            approved: "OK {approvalCode}"
            declined: "NO {responseCode}"
            timeout: "TIMEOUT"
        """;

    private static string Write(TemporaryDirectory directory, string text) =>
        directory.Write("terminal.yaml", FixtureTexts.Terminal + text);

    [Test]
    public void A_profile_without_the_keys_speaks_the_bench_protocol_and_has_no_console_rules()
    {
        using var directory = new TemporaryDirectory();
        var profile = TerminalProfileLoader.Load(Write(directory, ""));

        Assert.That(profile.EcrDialect, Is.Null);
        Assert.That(profile.ConsoleRules.Rules, Is.Empty);
    }

    [Test]
    public void The_worked_examples_load_with_their_framing_and_patterns()
    {
        var line = TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-line-terminal.yaml"));
        var framed = TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-framed-terminal.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(line.EcrDialect!.Framing, Is.EqualTo(EcrFraming.Line));
            Assert.That(line.EcrDialect.FormatSale(2500), Is.EqualTo("PAY 000000002500"));
            Assert.That(line.EcrDialect.Stan, Is.Null, "the line example prints no STAN");
            Assert.That(line.ConsoleRules.Rules.Single().Event, Is.EqualTo("modemConnected"));
            Assert.That(framed.EcrDialect!.Framing, Is.EqualTo(EcrFraming.StxEtxLrc));
            Assert.That(framed.EcrDialect.BootTime, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(framed.EcrDialect.Stan, Is.Not.Null);
            Assert.That(line.EcrDialect.SimulatedTerminal!.Approved, Is.EqualTo("APPROVED AUTH:{approvalCode} RRN:{rrn}"));
            Assert.That(line.EcrDialect.SimulatedTerminal.Ready, Is.EqualTo("IDLE"));
            Assert.That(framed.EcrDialect.SimulatedTerminal!.Stan, Is.EqualTo("T|{stan:D6}"));
            Assert.That(framed.EcrDialect.SimulatedTerminal.Ready, Is.Null, "the framed example prints no ready line");
        });
    }

    [Test]
    public void Simulated_terminal_templates_that_agree_with_their_patterns_load()
    {
        using var directory = new TemporaryDirectory();
        var dialect = TerminalProfileLoader.Load(Write(directory, LineDialect + Templates)).EcrDialect!;

        Assert.That(dialect.SimulatedTerminal, Is.EqualTo(new ScriptedEcrTerminalTemplates
        {
            CardPrompt = "INSERT CARD", Approved = "OK {approvalCode}", Declined = "NO {responseCode}", Timeout = "TIMEOUT",
        }));
    }

    [TestCase("approved: \"OK {approvalCode}\"", "approved: \"APPROVED {approvalCode}\"", 21, 5, "ecr.simulatedTerminal.approved",
        @"'APPROVED AU0042' (rendered with sample values) does not match ecr.result.approved '^OK (?<approvalCode>\w+)$'")]
    [TestCase("approved: \"OK {approvalCode}\"", "approved: \"OK {rrn}{approvalCode}\"", 21, 5, "ecr.simulatedTerminal.approved",
        "ecr.result.approved captures 'RRN000042000AU0042' as approvalCode from 'OK RRN000042000AU0042', where the terminal printed the sample approvalCode 'AU0042'")]
    [TestCase("approved: \"OK {approvalCode}\"", "approved: \"OK AB12CD\"", 21, 5, "ecr.simulatedTerminal.approved",
        "ecr.result.approved captures approvalCode ('AB12CD' from 'OK AB12CD'), but the template has no {approvalCode} to print it")]
    [TestCase("timeout: \"TIMEOUT\"", "timeout: \"TIMEOUT {stan}\"", 23, 5, "ecr.simulatedTerminal.timeout",
        "'{stan}': this message takes no placeholders (braces always open one)")]
    [TestCase("timeout: \"TIMEOUT\"", "timeout: \"TIMEOUT\"\n    connected: \"ONLINE\"", 24, 5, "ecr.simulatedTerminal.connected",
        "the dialect has no ecr.connected pattern to recognise it")]
    [TestCase("timeout: \"TIMEOUT\"", "tmeout: \"TIMEOUT\"", 23, 5, "ecr.simulatedTerminal.tmeout", "timeout")]
    [TestCase("declined: \"NO {responseCode}\"", "declined: \"NO {responseCode:D2}\"", 22, 5, "ecr.simulatedTerminal.declined",
        "{responseCode} is text and takes no format")]
    public void A_simulated_terminal_template_that_disagrees_with_its_pattern_is_refused_naming_both(
        string original, string replacement, int line, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect + Templates.Replace(original, replacement));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, line, column, keyPath, problem);
    }

    [Test]
    public void A_template_an_earlier_pattern_recognises_is_refused_naming_the_pattern_that_takes_it()
    {
        using var directory = new TemporaryDirectory();
        // 'NO TO' matches the timeout pattern, but declined ('NO' and any two characters) is tried first.
        var file = Write(directory, LineDialect.Replace("timeout: '^TIMEOUT$'", "timeout: '^NO TO$'") + Templates.Replace("timeout: \"TIMEOUT\"", "timeout: \"NO TO\""));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 23, 5, "ecr.simulatedTerminal.timeout",
            "'NO TO' (rendered with sample values) is recognised by ecr.result.declined, which is tried before ecr.result.timeout");
    }

    [Test]
    public void A_pattern_the_simulated_terminal_has_no_template_for_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect + "\n  ready: '^IDLE$'" + Templates);

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 21, 5, "ecr.simulatedTerminal.ready",
            "required: ecr.ready recognises this message, so the simulated terminal must print it");
    }

    [Test]
    public void A_sale_command_the_simulated_terminal_cannot_read_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect.Replace("\"PAY {amount}\"", "\"PAY {amount:X}\"") + Templates);

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 13, 3, "ecr.sale",
            "the simulated terminal reads the amount only as {amount} or {amount:Dn} (n up to 18), not '{amount:X}', as ecr.simulatedTerminal needs");
    }

    [Test]
    public void Two_loads_of_one_profile_are_equal_so_a_run_keeps_one_station_for_it()
    {
        var file = RepositoryFiles.Fixture("terminals/examples/scripted-line-terminal.yaml");

        Assert.That(TerminalProfileLoader.Load(file), Is.EqualTo(TerminalProfileLoader.Load(file)));
    }

    [Test]
    public void A_bad_regular_expression_is_reported_at_the_character_where_it_breaks_with_the_reason()
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect.Replace("'^INSERT CARD$'", "'^INSERT *+CARD$'"));

        // Line 14: "  cardPrompt: '^INSERT *+CARD$'"; the pattern starts at column 16, its '+' (character 10) at column 25.
        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 14, 25, "ecr.cardPrompt",
            "not a valid regular expression at character 10 of '^INSERT *+CARD$': Nested quantifier");
    }

    [Test]
    public void A_bad_pattern_in_a_double_quoted_value_is_reported_at_its_key_naming_the_character()
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect.Replace("timeout: '^TIMEOUT$'", "timeout: \"^TIME(OUT$\""));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 18, 5, "ecr.result.timeout",
            "not a valid regular expression at character");
    }

    [Test]
    public void A_result_pattern_without_its_named_group_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect.Replace(@"'^OK (?<approvalCode>\w+)$'", @"'^OK (\w+)$'"));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 16, 5, "ecr.result.approved",
            "must capture the named group (?<approvalCode>...)");
    }

    [TestCase("  sale: \"PAY\"", "sale: \"PAY {amount}\"", 13, 3, "ecr.sale", "must contain the placeholder {amount}")]
    [TestCase("  framing: serial", "framing: line", 12, 3, "ecr.framing", "must be one of line, stxEtxLrc")]
    [TestCase("  framing: line\n  sendAttempts: 2", "framing: line", 13, 3, "ecr.sendAttempts", "only framing: stxEtxLrc acknowledges")]
    [TestCase("  dialect: bench", "dialect: scripted", 12, 3, "ecr.framing", "only a dialect: scripted is described by keys")]
    public void Dialect_mistakes_are_reported_where_they_are(string replacement, string original, int line, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = Write(directory, LineDialect.Replace("  " + original, replacement));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, line, column, keyPath, problem);
    }

    [Test]
    public void Console_rules_are_read_in_order_and_an_unknown_event_is_refused_with_a_suggestion()
    {
        using var directory = new TemporaryDirectory();
        var good = Write(directory, """

            console:
              - pattern: '^MODEM \w+ CONNECT'
                event: modemConnected
              - pattern: '^CARD \d{6}'
                event: cardSwiped
            """);
        var rules = TerminalProfileLoader.Load(good).ConsoleRules.Rules;
        var bad = directory.Write("bad.yaml", FixtureTexts.Terminal + """

            console:
              - pattern: '^MODEM'
                event: modemConected
            """);

        Assert.That(rules.Select(rule => rule.Event), Is.EqualTo(new[] { "modemConnected", "cardSwiped" }));
        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(bad), bad, 12, 5, "console[0].event", "(did you mean 'modemConnected'?)");
    }
}
