using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>What a real acquirer checks before it books: the request's MAC, and that the transaction is not a repeat.</summary>
[TestFixture]
public sealed class AcquirerCheckTests
{
    private static readonly MessageAuthenticationCode WrongKey = new([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]);

    private static IsoMessage Unsigned(int stan, string terminalId = "TERM0001") =>
        TestMessages.Terminal(terminalId).Sale(new SaleDetails(TestMessages.Card, 12_345, TestMessages.Stan(stan), TestMessages.Batch));

    [Test]
    public async Task A_sale_with_a_wrong_or_missing_mac_is_refused_with_A0_and_books_nothing()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(new MessageSigner(IsoCodec.Cup, WrongKey).Sign(Unsigned(1)));
        var wrong = await terminal.ReceiveAsync();
        await terminal.SendAsync(Unsigned(2));
        var missing = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(1));
        var retried = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That((wrong.ResponseCode, missing.ResponseCode), Is.EqualTo(("A0", "A0")));
            Assert.That(wrong.Has(38), Is.False, "no authorization code");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(2)), Is.Zero);
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(2)).Single(),
                Has.Property(nameof(LedgerEntry.Kind)).EqualTo(LedgerEntryKind.MacRejected).And.Property(nameof(LedgerEntry.RequestMti)).EqualTo("0200"));
            Assert.That(retried.ResponseCode, Is.EqualTo("00"), "a refused MAC does not claim the STAN: the correctly signed resend is approved");
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(1)).Select(entry => entry.Kind),
                Is.EqualTo(new[] { LedgerEntryKind.MacRejected, LedgerEntryKind.Debit }));
        });
    }

    [Test]
    public async Task A_sale_that_arrives_after_its_own_reversal_is_refused_and_books_nothing()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(4);
        var signer = new MessageSigner(IsoCodec.Cup, new MessageAuthenticationCode(WorkingKeys.Test.MacKey));

        // The terminal's 0200 was held back (TCP back-off on a weak signal); its timer ran out and its reversal got there first.
        await terminal.SendAsync(signer.Sign(MessageFactory.Reversal(sale, "98")));
        await terminal.ReceiveAsync();
        await terminal.SendAsync(sale);
        var late = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(late.ResponseCode, Is.EqualTo(ResponseCodes.OriginalAlreadyReversed));
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(4)), Is.Zero);
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(4)).Select(entry => entry.Kind),
                Is.EqualTo(new[] { LedgerEntryKind.ReversalWithoutDebit, LedgerEntryKind.LateOriginalRefused }));
        });
    }

    [Test]
    public async Task A_reversal_with_a_wrong_mac_does_not_undo_the_debit()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(3);

        await terminal.SendAsync(sale);
        await terminal.ReceiveAsync();
        await terminal.SendAsync(new MessageSigner(IsoCodec.Cup, WrongKey).Sign(MessageFactory.Reversal(sale, "98")));

        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("A0"));
        Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(3)), Is.EqualTo(12_345));
    }

    [Test]
    public async Task The_mac_check_is_off_for_exempt_terminals_or_when_the_rule_set_turns_it_off()
    {
        var exempt = HostRuleSet.ApproveAll with { MacCheck = new MacCheckPolicy(true, new HashSet<string> { "LAB00009" }) };
        await using var fixture = HostFixture.Start(exempt);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(Unsigned(4, "LAB00009"));
        var exempted = await terminal.ReceiveAsync();
        await terminal.SendAsync(Unsigned(4));
        var checkedOne = await terminal.ReceiveAsync();
        fixture.Host.Rules = HostRuleSetLoader.Parse("macCheck: false\n", "off.yaml");
        await terminal.SendAsync(Unsigned(5));
        var off = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exempted.ResponseCode, Is.EqualTo("00"));
            Assert.That(exempted.Has(64), Is.False, "an unsigned request gets an unsigned reply");
            Assert.That(checkedOne.ResponseCode, Is.EqualTo("A0"));
            Assert.That(off.ResponseCode, Is.EqualTo("00"));
        });
    }

    [Test]
    public async Task A_sign_on_needs_no_mac()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.SignOn(1));

        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
    }

    [Test]
    public async Task A_repeated_terminal_batch_and_stan_is_a_duplicate_transmission_answered_94_and_debited_once()
    {
        await using var fixture = HostFixture.Start();
        await using var first = await fixture.ConnectAsync();
        await using var second = await fixture.ConnectAsync();

        await first.SendAsync(TestMessages.Sale(6));
        var original = await first.ReceiveAsync();
        await second.SendAsync(TestMessages.Sale(6));
        var repeat = await second.ReceiveAsync();

        var entries = fixture.Host.Ledger.EntriesFor(TestMessages.Key(6));
        Assert.Multiple(() =>
        {
            Assert.That(original.ResponseCode, Is.EqualTo("00"));
            Assert.That(repeat.ResponseCode, Is.EqualTo("94"));
            Assert.That(repeat.Has(38), Is.False, "no second authorization");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(6)), Is.EqualTo(12_345), "one debit");
            Assert.That(entries.Select(entry => entry.Kind), Is.EqualTo(new[] { LedgerEntryKind.Debit, LedgerEntryKind.DuplicateTransmission }));
            Assert.That((entries[1].OriginalResponseCode, entries[1].RetrievalReferenceNumber), Is.EqualTo(("00", original[37])),
                "the duplicate's entry records what the original was told");
        });
    }

    [Test]
    public async Task A_repeat_of_a_declined_sale_records_the_decline_and_a_different_stan_is_no_repeat()
    {
        await using var fixture = HostFixture.Start(new HostRuleSet("decline", [], new DeclineAction("51")));
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(7));
        await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(7));
        var repeat = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(8));
        var fresh = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(repeat.ResponseCode, Is.EqualTo("94"));
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(7)).Single().OriginalResponseCode, Is.EqualTo("51"));
            Assert.That(fresh.ResponseCode, Is.EqualTo("51"));
        });
    }
}
