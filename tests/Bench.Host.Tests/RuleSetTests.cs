using Bench.Codec;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class RuleSetTests
{
    private const string Rules = """
        name: mixed
        default: { kind: decline, response-code: "96" }
        rules:
          - name: big
            match: { mti: "0200", amount: { min: 100000 } }
            action: { kind: decline, response-code: "51" }
          - name: terminal two
            match: { terminal-id: [TERM0002] }
            action: no-reply
          - name: sales
            match: { mti: ["0200"], processing-code: "000000", amount: { max: 99999 } }
            action: { kind: delay, seconds: 1.5, then: approve-then-drop }
          - name: sign-on
            match: { mti: 0800 }
            action: approve
        """;

    private static HostRuleSet Load() => HostRuleSetLoader.Parse(Rules, "mixed.yaml");

    [Test]
    public void The_first_matching_rule_decides()
    {
        var rules = Load();
        var (rule, action) = rules.Select(TestMessages.Sale(1, amount: 200_000, terminalId: "TERM0002"));

        Assert.That(rule!.Name, Is.EqualTo("big"));
        Assert.That(action, Is.EqualTo(new DeclineAction("51")));
    }

    [Test]
    public void Terminal_id_amount_range_and_processing_code_select_rules()
    {
        var rules = Load();
        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(TestMessages.Sale(1, 500, "TERM0002")).Rule!.Name, Is.EqualTo("terminal two"));
            Assert.That(rules.Select(TestMessages.Sale(1, 99_999)).Action,
                Is.EqualTo(new DelayAction(TimeSpan.FromSeconds(1.5), ApproveThenDropAction.Instance)));
            Assert.That(rules.Select(TestMessages.Sale(1, 100_000)).Rule!.Name, Is.EqualTo("big"));
            Assert.That(rules.Select(TestMessages.SignOn(1)).Rule!.Name, Is.EqualTo("sign-on"), "unquoted 0800 stays a string");
        });
    }

    [Test]
    public void The_default_decides_when_no_rule_matches_and_a_range_never_matches_a_request_without_amount()
    {
        var rules = Load();
        var balance = TestMessages.Terminal().Balance(new SaleDetails(TestMessages.Card, 0, "000001", TestMessages.Batch));

        var (rule, action) = rules.Select(balance);

        Assert.That(rule, Is.Null);
        Assert.That(action, Is.EqualTo(new DeclineAction("96")));
    }

    [Test]
    public void An_empty_rule_set_approves_everything()
    {
        var rules = HostRuleSetLoader.Parse("", "empty.yaml", "empty");
        Assert.That(rules.Select(TestMessages.Sale(1)).Action, Is.SameAs(ApproveAction.Instance));
    }

    [TestCase("rules:\n  - match: { mti: \"0200\" }\n    action: explode\n", 3, "unknown action 'explode'")]
    [TestCase("rules:\n  - action: { kind: decline }\n", 2, "needs a 'response-code'")]
    [TestCase("rules:\n  - match: { mti: \"9999\" }\n    action: approve\n", 2, "'9999' is not a known 4-digit MTI")]
    [TestCase("rules:\n  - match: { colour: red }\n    action: approve\n", 2, "unknown key 'colour'")]
    [TestCase("rules:\n  - match: { amount: { min: 5, max: 1 } }\n    action: approve\n", 2, "min 5 is above max 1")]
    [TestCase("rules:\n  - action: { kind: delay, seconds: soon }\n", 2, "'soon' is not a number of seconds")]
    [TestCase("rules:\n  - action: { kind: delay, seconds: NaN }\n", 2, "'NaN' is not a number of seconds")]
    [TestCase("rules:\n  - action: { kind: delay, seconds: Infinity }\n", 2, "'Infinity' is not a number of seconds")]
    [TestCase("rules:\n  - action: { kind: delay, seconds: 1e400 }\n", 2, "'1e400' is not a number of seconds")]
    [TestCase("rules:\n  - action: { kind: delay, seconds: -1 }\n", 2, "'-1' is not a number of seconds")]
    [TestCase("rules:\n  - name: broken\n    action: [approve\n", 4, "")]
    [TestCase("rules:\n  - name: no action\n", 2, "has no 'action'")]
    public void Errors_name_the_file_and_line(string yaml, int line, string reason)
    {
        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.Parse(yaml, "bad.yaml"))!;

        Assert.That(error.FileName, Is.EqualTo("bad.yaml"));
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.StartWith($"bad.yaml:{line}:").And.Contain(reason));
    }

    [TestCase("NaN")]
    [TestCase("-0.5")]
    public void A_bad_delay_names_the_column_of_its_value(string seconds)
    {
        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.Parse($"rules:\n  - action: {{ kind: delay, seconds: {seconds} }}\n", "bad.yaml"))!;

        Assert.That((error.Line, error.Column), Is.EqualTo((2L, 37L)), "where the value starts");
        Assert.That(error.Message, Does.StartWith("bad.yaml:2:37: "));
    }

    [Test]
    public void A_delay_action_refuses_a_negative_or_endless_delay()
    {
        var zero = new DelayAction(TimeSpan.Zero, ApproveAction.Instance);
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new DelayAction(TimeSpan.FromSeconds(-1), ApproveAction.Instance));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new DelayAction(Timeout.InfiniteTimeSpan, ApproveAction.Instance));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new DelayAction(TimeSpan.MaxValue, ApproveAction.Instance));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = zero with { Delay = TimeSpan.FromTicks(-1) }, "'with' is checked too");
            Assert.Throws<ArgumentNullException>(() => _ = new DelayAction(TimeSpan.Zero, null!));
            Assert.That(zero with { Delay = DelayAction.MaximumDelay }, Is.EqualTo(new DelayAction(DelayAction.MaximumDelay, ApproveAction.Instance)));
        });
    }

    [Test]
    public void Every_fixture_rule_set_loads()
    {
        var directory = RepositoryPath("fixtures", "hosts");
        var files = Directory.GetFiles(directory, "*.yaml");
        Assert.That(files.Select(Path.GetFileName), Does.Contain("approve-all.yaml"));
        foreach (var file in files)
        {
            var rules = HostRuleSetLoader.LoadFile(file);
            Assert.That(rules.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(file)), file);
        }
        Assert.That(HostRuleSetLoader.LoadFile(Path.Combine(directory, "approve-all.yaml")).Select(TestMessages.Sale(1)).Action,
            Is.SameAs(ApproveAction.Instance));
    }

    /// <summary>A path inside the repository, found by walking up from the test binaries to Bench.sln.</summary>
    internal static string RepositoryPath(params string[] parts)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln"))) directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "Bench.sln not found above the test directory");
        return Path.Combine([directory!.FullName, .. parts]);
    }
}
