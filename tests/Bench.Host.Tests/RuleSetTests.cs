using Bench.Codec;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class RuleSetTests
{
    private const string Rules = """
        name: mixed
        default: { kind: decline, responseCode: "96" }
        rules:
          - name: big
            match: { mti: "0200", amount: { min: 100000 } }
            action: { kind: decline, responseCode: "51" }
          - name: terminal two
            match: { terminalId: [TERM0002] }
            action: noReply
          - name: sales
            match: { mti: ["0200"], processingCode: "000000", amount: { max: 99999 } }
            action: { kind: delay, delay: 1.5s, then: approveThenDrop }
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
    public void An_empty_rule_list_approves_everything()
    {
        var rules = HostRuleSetLoader.Parse("rules: []\n", "empty.yaml", "empty");
        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(TestMessages.Sale(1)).Action, Is.SameAs(ApproveAction.Instance));
            Assert.That(rules.Name, Is.EqualTo("empty"));
            Assert.That(rules.MacCheck, Is.SameAs(MacCheckPolicy.On), "MACs are checked unless the file says otherwise");
            Assert.That(rules.Capacity, Is.Null);
        });
    }

    [TestCase("rules:\n  - match: { mti: \"0200\" }\n    action: explode\n", 3, 5, "rules[0].action", "unknown action 'explode'; expected one of approve, decline")]
    [TestCase("rules:\n  - action: { kind: delcine, responseCode: \"51\" }\n", 2, 15, "rules[0].action.kind", "unknown action 'delcine' (did you mean 'decline'?)")]
    [TestCase("rules:\n  - action: { kind: decline }\n", 2, 13, "rules[0].action.responseCode", "required key is missing")]
    [TestCase("rules:\n  - action: decline\n", 2, 5, "rules[0].action", "'decline' needs parameters, e.g. { kind: decline, responseCode: \"51\" }")]
    [TestCase("rules:\n  - match: { mti: \"9999\" }\n    action: approve\n", 2, 14, "rules[0].match.mti", "'9999' is not a known 4-digit MTI")]
    [TestCase("rules:\n  - match: { mti: [\"0200\", \"0299\"] }\n    action: approve\n", 2, 28, "rules[0].match.mti[1]", "'0299' is not a known 4-digit MTI")]
    [TestCase("rules:\n  - match: { terminalld: TERM0001 }\n    action: approve\n", 2, 14, "rules[0].match.terminalld", "unknown key (did you mean 'terminalId'?); allowed keys: mti, processingCode, terminalId, amount")]
    [TestCase("rules:\n  - match: { amount: { min: 5, max: 1 } }\n    action: approve\n", 2, 24, "rules[0].match.amount.min", "5 is above max 1")]
    [TestCase("rules:\n  - action: { kind: delay, delay: soon }\n", 2, 28, "rules[0].action.delay", "must be a duration with a unit, like 60s, 500ms or 1.5s (got 'soon')")]
    [TestCase("rules:\n  - action: { kind: delay, delay: 35 }\n", 2, 28, "rules[0].action.delay", "must be a duration with a unit, like 60s, 500ms or 1.5s (got '35')")]
    [TestCase("rules:\n  - action: { kind: delay, delay: -1s }\n", 2, 28, "rules[0].action.delay", "must not be negative (got '-1s')")]
    [TestCase("rules:\n  - action: { kind: delay, delay: 2d }\n", 2, 28, "rules[0].action.delay", "must be a duration with a unit")]
    [TestCase("rules:\n  - action: { kind: delay, delay: 25h }\n", 2, 28, "rules[0].action.delay", "must be at most 86400s (got 90000s); a reply that never comes is 'noReply'")]
    [TestCase("rules:\n  - action: { kind: approve, delay: 1s }\n", 2, 30, "rules[0].action.delay", "does not apply to 'approve', which takes no parameters")]
    [TestCase("rules:\n  - action: { kind: decline, responseCode: \"00\" }\n", 2, 30, "rules[0].action.responseCode", "a decline cannot use the approval code 00")]
    [TestCase("rules:\n  - action: { kind: reSignOn, responseCode: \"51\" }\n", 2, 31, "rules[0].action.responseCode", "must be one of 22, 77, A0")]
    [TestCase("rules:\n  - action: { kind: lateReply, after: 40s, connection: later }\n", 2, 44, "rules[0].action.connection", "must be same or next (got 'later')")]
    [TestCase("rules:\n  - action: { kind: duplicateReply, copies: 1 }\n", 2, 37, "rules[0].action.copies", "must be from 2 to 100")]
    [TestCase("rules:\n  - action: { kind: splitReply, interval: 1s }\n", 2, 13, "rules[0].action.segmentBytes", "required key is missing")]
    [TestCase("rules:\n  - action: { kind: delay, delay: 1s, then: { kind: decline } }\n", 2, 45, "rules[0].action.then.responseCode", "required key is missing")]
    [TestCase("rules:\n  - name: broken\n    action: [approve\n", 4, 1, "", "invalid YAML")]
    [TestCase("rules:\n  - name: no action\n", 2, 5, "rules[0].action", "required key is missing")]
    [TestCase("macCheck: maybe\n", 1, 1, "macCheck", "must be true or false (got 'maybe')")]
    [TestCase("macCheck: false\nmacCheckExempt: [T1]\n", 2, 1, "macCheckExempt", "already turns off")]
    [TestCase("capacity: { workers: 0, serviceTime: { distribution: constant, mean: 1s } }\n", 1, 13, "capacity.workers", "must be from 1 to 10000 (got 0)")]
    [TestCase("capacity: { workers: 2, serviceTime: { distribution: exponentail, mean: 1s } }\n", 1, 40, "capacity.serviceTime.distribution", "(did you mean 'exponential'?)")]
    [TestCase("capacity: { workers: 2, serviceTime: { distribution: lognormal, mean: 1s } }\n", 1, 38, "capacity.serviceTime.sigma", "required key is missing")]
    [TestCase("capacity: { workers: 2 }\n", 1, 11, "capacity.serviceTime", "required key is missing")]
    public void Errors_name_the_file_line_column_and_key_path(string yaml, int line, int column, string keyPath, string problem)
    {
        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.Parse(yaml, "bad.yaml"))!;

        Assert.Multiple(() =>
        {
            Assert.That((error.File, error.Line, error.Column, error.KeyPath), Is.EqualTo(("bad.yaml", line, column, keyPath)), error.Message);
            Assert.That(error.Message, Does.StartWith(keyPath.Length == 0 ? $"bad.yaml:{line}:{column}: " : $"bad.yaml:{line}:{column}: {keyPath}: "));
            Assert.That(error.Problem, Does.Contain(problem));
        });
    }

    [TestCase("processing-code: \"000000\"", "rules[0].match.processing-code", "processingCode")]
    [TestCase("terminal-id: TERM0001", "rules[0].match.terminal-id", "terminalId")]
    public void A_kebab_case_match_key_names_its_camel_case_spelling(string entry, string keyPath, string newKey)
    {
        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.Parse($"rules:\n  - match: {{ {entry} }}\n    action: approve\n", "old.yaml"))!;

        Assert.That(error.Message, Is.EqualTo($"old.yaml:2:14: {keyPath}: this key is now spelt '{newKey}' (keys are camelCase); rename it"));
    }

    [TestCase("{ kind: decline, response-code: \"51\" }", "rules[0].action.response-code", "this key is now spelt 'responseCode' (keys are camelCase); rename it")]
    [TestCase("{ kind: delay, seconds: 35 }", "rules[0].action.seconds", "this key is now spelt 'delay' (keys are camelCase); rename it")]
    [TestCase("no-reply", "rules[0].action", "action kinds are camelCase now: write 'noReply' (got 'no-reply')")]
    [TestCase("{ kind: approve-then-drop }", "rules[0].action.kind", "action kinds are camelCase now: write 'approveThenDrop' (got 'approve-then-drop')")]
    public void A_kebab_case_action_names_its_camel_case_spelling(string action, string keyPath, string problem)
    {
        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.Parse($"rules:\n  - action: {action}\n", "old.yaml"))!;

        Assert.That((error.KeyPath, error.Problem), Is.EqualTo((keyPath, problem)), error.Message);
    }

    [Test]
    public void A_missing_rule_file_is_a_fixture_error_at_its_first_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-rules-" + Guid.NewGuid().ToString("N") + ".yaml");

        var error = Assert.Throws<HostRuleSetException>(() => HostRuleSetLoader.LoadFile(missing))!;

        Assert.That(error.Message, Does.StartWith($"{missing}:1:1: cannot read file:"));
        Assert.That(error, Is.InstanceOf<Bench.Fixtures.CampaignFileException>(), "a campaign run catches it with every other fixture error");
    }

    [Test]
    public void Every_action_kind_and_the_rule_set_options_load()
    {
        var rules = HostRuleSetLoader.Parse("""
            macCheckExempt: [LAB00009, LAB00010]
            capacity:
              workers: 3
              serviceTime: { distribution: lognormal, mean: 250ms, sigma: 0.5 }
              seed: 42
            rules:
              - action: { kind: lateReply, after: 40s, connection: next, then: { kind: decline, responseCode: "05" } }
              - action: { kind: lateReply, after: 2min }
              - action: { kind: duplicateReply, copies: 3, interval: 500ms }
              - action: duplicateReply
              - action: { kind: corruptMac, then: approveThenDrop }
              - action: reSignOn
              - action: { kind: reSignOn, responseCode: A0 }
              - action: { kind: dropReversalReply, then: noReply }
              - action: { kind: splitReply, segmentBytes: 7, interval: 300ms }
            """, "all.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(rules.Rules.Select(rule => rule.Action), Is.EqualTo(new HostAction[]
            {
                new LateReplyAction(TimeSpan.FromSeconds(40), LateReplyConnection.Next, new DeclineAction("05")),
                new LateReplyAction(TimeSpan.FromMinutes(2), LateReplyConnection.Same, ApproveAction.Instance),
                new DuplicateReplyAction(3, TimeSpan.FromMilliseconds(500), ApproveAction.Instance),
                new DuplicateReplyAction(2, TimeSpan.Zero, ApproveAction.Instance),
                new CorruptMacAction(ApproveThenDropAction.Instance),
                new ReSignOnAction(null, ApproveAction.Instance),
                new ReSignOnAction("A0", ApproveAction.Instance),
                new DropReversalReplyAction(NoReplyAction.Instance),
                new SplitReplyAction(new ReplySegmentation(7, TimeSpan.FromMilliseconds(300)), ApproveAction.Instance),
            }));
            Assert.That(rules.MacCheck.AppliesTo("LAB00009"), Is.False);
            Assert.That(rules.MacCheck.AppliesTo("TERM0001"), Is.True);
            Assert.That(rules.Capacity, Is.EqualTo(new HostCapacity(3, new LogNormalServiceTime(TimeSpan.FromMilliseconds(250), 0.5), 42)));
            Assert.That(HostRuleSetLoader.Parse("macCheck: false\n", "off.yaml").MacCheck.AppliesTo("TERM0001"), Is.False);
        });
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
