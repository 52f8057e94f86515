using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>Rules that match only a first attempt or a resend, a fault that composes with the rules, and the record of a corrupted reply MAC.</summary>
[TestFixture]
public sealed class RequestOccurrenceTests
{
    private static HostRuleSet Rules(string yaml) => HostRuleSetLoader.Parse(yaml, "test.yaml");

    [Test]
    public void A_resend_under_the_same_stan_is_the_second_occurrence_and_a_fresh_stan_a_first_again()
    {
        var occurrences = new RequestOccurrences();
        var sale = TestMessages.Sale(1);
        var reversal = TestMessages.Reversal(sale);

        Assert.Multiple(() =>
        {
            Assert.That(occurrences.Count(reversal), Is.EqualTo(1));
            Assert.That(occurrences.Count(reversal), Is.EqualTo(2));
            Assert.That(occurrences.Count(sale), Is.EqualTo(1), "another MTI under the same STAN counts apart");
            Assert.That(occurrences.Count(reversal.With(11, TestMessages.Stan(9))), Is.EqualTo(1));
            Assert.That(occurrences.Count(TestMessages.Reversal(TestMessages.Sale(1, terminalId: "TERM0002"))), Is.EqualTo(1), "another terminal counts apart");
        });
    }

    [Test]
    public void An_occurrence_range_selects_the_rule_only_for_those_receptions()
    {
        var rules = Rules("""
            rules:
              - name: first two lost
                match: { mti: "0400", occurrence: { max: 2 } }
                action: noReply
              - name: later ones refused
                match: { mti: "0400", occurrence: { min: 4 } }
                action: { kind: decline, responseCode: "96" }
            """);
        var reversal = TestMessages.Reversal(TestMessages.Sale(1));

        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(reversal, 1).Rule?.Name, Is.EqualTo("first two lost"));
            Assert.That(rules.Select(reversal, 2).Rule?.Name, Is.EqualTo("first two lost"));
            Assert.That(rules.Select(reversal, 3).Rule, Is.Null, "the third falls to the default");
            Assert.That(rules.Select(reversal, 4).Rule?.Name, Is.EqualTo("later ones refused"));
            Assert.That(rules.Select(reversal).Rule?.Name, Is.EqualTo("first two lost"), "without a count a request is a first reception");
        });
    }

    [TestCase("{ mti: \"0400\", occurrence: { min: 0 } }", "rules[0].match.occurrence.min", "must be a whole number from 1")]
    [TestCase("{ mti: \"0400\", occurrence: { min: 3, max: 2 } }", "rules[0].match.occurrence.min", "3 is above max 2")]
    [TestCase("{ mti: \"0400\", occurrence: { } }", "rules[0].match.occurrence", "needs 'min', 'max' or both")]
    [TestCase("{ mti: \"0400\", occurrence: { maximum: 2 } }", "rules[0].match.occurrence.maximum", "unknown key; allowed keys: min, max")]
    public void A_bad_occurrence_names_its_key(string match, string keyPath, string problem)
    {
        var error = Assert.Throws<HostRuleSetException>(() => Rules($"rules:\n  - match: {match}\n    action: approve\n"))!;

        Assert.That(error.KeyPath, Is.EqualTo(keyPath), error.Message);
        Assert.That(error.Message, Does.Contain(problem));
    }

    [Test]
    public async Task The_host_refuses_only_the_first_attempt_of_a_reversal_and_acknowledges_its_resend()
    {
        await using var fixture = HostFixture.Start(Rules("""
            rules:
              - match: { mti: "0400", occurrence: { max: 1 } }
                action: { kind: decline, responseCode: "96" }
            """));
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(1);
        await terminal.SendAsync(sale);
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));

        await terminal.SendAsync(TestMessages.Reversal(sale));
        var refused = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Reversal(sale));
        var acknowledged = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That((refused.ResponseCode, acknowledged.ResponseCode), Is.EqualTo(("96", "00")));
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(1)), Is.Zero, "the resend was booked");
        });
    }

    [Test]
    public async Task Following_the_rules_lets_an_injected_delay_carry_a_rules_fault_and_the_ledger_records_the_corrupted_mac()
    {
        var rules = Rules("""
            rules:
              - match: { mti: "0200", amount: { min: 105, max: 105 } }
                action: corruptMac
            """);
        // What a host-delay injection installs ahead of the campaign's rules.
        var injected = rules with
        {
            Rules = [new HostRule("inject delay", new RuleMatch { Mtis = new HashSet<string> { "0200" } }, new DelayAction(TimeSpan.Zero, new FollowRulesAction(rules))), .. rules.Rules],
        };
        await using var fixture = HostFixture.Start(injected);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(1, amount: 105));
        var corrupted = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(2, amount: 200));
        var plain = await terminal.ReceiveAsync();

        var signer = new MessageSigner(IsoCodec.Cup, TestMessages.MacKey);
        Assert.Multiple(() =>
        {
            Assert.That(signer.Verify(corrupted), Is.False, "the rule's corrupt MAC rode on the injected delay");
            Assert.That(signer.Verify(plain), Is.True, "a sale no rule fences is approved as the default says");
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(1)).Select(entry => entry.Kind),
                Is.EqualTo(new[] { LedgerEntryKind.Debit, LedgerEntryKind.ReplyMacCorrupted }));
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(2)).Select(entry => entry.Kind), Is.EqualTo(new[] { LedgerEntryKind.Debit }));
        });
    }
}
