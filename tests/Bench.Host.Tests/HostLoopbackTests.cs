using Bench.Codec;
using Bench.Results;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class HostLoopbackTests
{
    [Test]
    public async Task Sign_on_is_answered_with_0810_batch_and_working_keys()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.SignOn(7));
        var reply = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(reply.Mti, Is.EqualTo("0810"));
            Assert.That(reply.Stan, Is.EqualTo("000007"));
            Assert.That(reply.ResponseCode, Is.EqualTo("00"));
            Assert.That(Field60.Parse(reply[60]!).Batch, Is.EqualTo(TestMessages.Batch));
            Assert.That(reply[62], Is.EqualTo(WorkingKeys.Test.ToField62()).And.Length.EqualTo(48));
            Assert.That(reply.Tpdu, Is.EqualTo(Tpdu.Default.Swapped()));
        });
    }

    [Test]
    public async Task A_sale_is_approved_with_echoed_stan_rrn_auth_code_and_a_valid_mac_and_is_debited()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(42, amount: 12_345));
        var reply = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(reply.Mti, Is.EqualTo("0210"));
            Assert.That(reply.Stan, Is.EqualTo("000042"));
            Assert.That(reply.ResponseCode, Is.EqualTo("00"));
            Assert.That(reply[37], Has.Length.EqualTo(12));
            Assert.That(reply[38], Has.Length.EqualTo(6));
            Assert.That(reply[4], Is.EqualTo("000000012345"));
            Assert.That(reply.Has(35), Is.False, "track data never goes back");
            Assert.That(new MessageSigner(IsoCodec.Cup, TestMessages.MacKey).Verify(reply), Is.True);
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(42)), Is.EqualTo(12_345));
        });
    }

    [Test]
    public async Task Every_approval_carries_a_different_rrn()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();
        var numbers = new HashSet<string>();
        for (var stan = 1; stan <= 50; stan++)
        {
            await terminal.SendAsync(TestMessages.Sale(stan));
            numbers.Add((await terminal.ReceiveAsync())[37]!);
        }
        Assert.That(numbers, Has.Count.EqualTo(50));
    }

    [Test]
    public async Task A_decline_rule_declines_with_its_code_and_books_nothing()
    {
        var rules = HostRuleSetLoader.Parse("""
            rules:
              - match: { mti: "0200", amount: { min: 100000 } }
                action: { kind: decline, responseCode: "51" }
            """, "test.yaml");
        await using var fixture = HostFixture.Start(rules);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(1, amount: 150_000));
        var declined = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(2, amount: 99_999));
        var approved = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(declined.ResponseCode, Is.EqualTo("51"));
            Assert.That(declined.Has(38), Is.False, "a decline has no authorization code");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(1)), Is.Zero);
            Assert.That(approved.ResponseCode, Is.EqualTo("00"));
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(2)), Is.EqualTo(99_999));
        });
    }

    [Test]
    public async Task A_delayed_reply_arrives_only_when_the_host_clock_has_advanced_by_the_delay()
    {
        var clock = new SignallingTimeProvider();
        var rules = new HostRuleSet("delay", [new HostRule("late", RuleMatch.Any, new DelayAction(TimeSpan.FromSeconds(35), ApproveAction.Instance))], ApproveAction.Instance);
        await using var fixture = HostFixture.Start(rules, clock);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(5));
        await clock.WhenTimerCreatedAsync();
        Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(5)), Is.EqualTo(12_345), "booked before the reply is held");

        clock.Advance(TimeSpan.FromSeconds(34));
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True, "nothing before 35 s of host time");

        clock.Advance(TimeSpan.FromSeconds(1));
        var reply = await terminal.ReceiveAsync();
        Assert.That(reply.ResponseCode, Is.EqualTo("00"));
        Assert.That(reply[12], Is.EqualTo("120000"), "field 12 is the host-clock time of authorization, not of delivery");
    }

    [Test]
    public async Task A_reply_held_past_the_idle_allowance_still_arrives_and_the_allowance_restarts_after_it()
    {
        var idleAllowance = TimeSpan.FromSeconds(60);
        var hostClock = new SignallingTimeProvider();
        var deadlineClock = new SignallingTimeProvider();
        var rules = new HostRuleSet("delay", [new HostRule("late", RuleMatch.Any, new DelayAction(TimeSpan.FromSeconds(150), ApproveAction.Instance))], ApproveAction.Instance);
        await using var fixture = HostFixture.Start(rules, hostClock, new HostOptions { DeadlineClock = deadlineClock, IdleAllowance = idleAllowance });
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(6));
        await hostClock.WhenTimerCreatedAsync();
        // The connection first waits idle, then, with the reply held, waits with no allowance at all.
        await deadlineClock.WhenTimerArmedAsync(idleAllowance);
        await deadlineClock.WhenTimerArmedAsync(Timeout.InfiniteTimeSpan);
        deadlineClock.Advance(10 * idleAllowance);
        Assert.That(await terminal.StaysSilentAsync(BadInputTests.Settle), Is.True, "open and waiting: the terminal is owed a reply");

        hostClock.Advance(TimeSpan.FromSeconds(150));
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"), "the late reply reaches the terminal");

        await deadlineClock.WhenTimerArmedAsync(idleAllowance);
        deadlineClock.Advance(idleAllowance - BadInputTests.Epsilon);
        Assert.That(await terminal.IsClosedByHostAsync(BadInputTests.Settle), Is.False, "a full allowance from the reply, not from the request");
        deadlineClock.Advance(BadInputTests.Epsilon);
        Assert.That(await terminal.IsClosedByHostAsync(), Is.True);
        await fixture.WhenConnectionsClosedAsync();
        await fixture.Recorder.FlushAsync();
        Assert.That(fixture.Store.ReadEvents(kind: EventKinds.IdleTimeout), Has.Count.EqualTo(1));
        Assert.That(fixture.Store.ReadEvents(kind: EventKinds.ReplyNotDelivered), Is.Empty);
    }

    [Test]
    public async Task A_reversal_arriving_while_the_sale_reply_is_held_is_acknowledged_and_nets_the_debit_to_zero()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(HostRuleSetLoader.LoadFile(RuleSetTests.RepositoryPath("fixtures", "hosts", "delay-sales.yaml")), clock);
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(9);

        await terminal.SendAsync(sale);
        await clock.WhenTimerCreatedAsync();
        await terminal.SendAsync(TestMessages.Reversal(sale));
        var acknowledged = await terminal.ReceiveAsync();

        Assert.That(acknowledged.Mti, Is.EqualTo("0410"));
        Assert.That(acknowledged.ResponseCode, Is.EqualTo("00"));
        Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(9)), Is.Zero);
    }

    [Test]
    public async Task No_reply_sends_nothing_and_books_nothing()
    {
        await using var fixture = HostFixture.Start(HostRuleSetLoader.LoadFile(RuleSetTests.RepositoryPath("fixtures", "hosts", "no-reply-sales.yaml")));
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(3));

        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(300)), Is.True);
        Assert.That(fixture.Host.Ledger.Entries, Is.Empty);
        await terminal.SendAsync(TestMessages.SignOn(4));
        Assert.That((await terminal.ReceiveAsync()).Mti, Is.EqualTo("0810"), "the connection stays served");
    }

    [Test]
    public async Task Approve_then_drop_leaves_a_debit_and_no_reply_until_the_reversal_undoes_it()
    {
        await using var fixture = HostFixture.Start(HostRuleSetLoader.LoadFile(RuleSetTests.RepositoryPath("fixtures", "hosts", "approve-then-drop.yaml")));
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(11, amount: 5_000);

        await terminal.SendAsync(sale);
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(300)), Is.True);
        Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(11)), Is.EqualTo(5_000), "money taken, terminal told nothing");

        await terminal.SendAsync(TestMessages.Reversal(sale));
        var first = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Reversal(sale));
        var repeated = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Mti, Is.EqualTo("0410"));
            Assert.That(repeated.ResponseCode, Is.EqualTo("00"), "a repeated reversal is acknowledged too");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(11)), Is.Zero);
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(11)).Select(e => e.Kind), Is.EqualTo(new[]
            {
                LedgerEntryKind.Debit, LedgerEntryKind.Reversal, LedgerEntryKind.DuplicateReversal,
            }));
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(11))[1].ReversalReason, Is.EqualTo("98"));
        });
    }

    [Test]
    public async Task A_reversal_of_an_unknown_sale_is_acknowledged_and_recorded_as_without_debit()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Reversal(TestMessages.Sale(77)));
        Assert.That((await terminal.ReceiveAsync()).Mti, Is.EqualTo("0410"));

        Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(77)).Single().Kind, Is.EqualTo(LedgerEntryKind.ReversalWithoutDebit));
    }

    [Test]
    public async Task Batch_upload_and_settlement_are_answered()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();
        var factory = TestMessages.Terminal();

        await terminal.SendAsync(factory.BatchUpload("000020", TestMessages.Batch, "0000000000012345"));
        var uploaded = await terminal.ReceiveAsync();
        await terminal.SendAsync(factory.Settlement("000021", TestMessages.Batch, new SettlementTotals(1, 12_345, 0, 0)));
        var settled = await terminal.ReceiveAsync();

        Assert.That((uploaded.Mti, uploaded.Stan, uploaded.ResponseCode), Is.EqualTo(("0330", "000020", "00")));
        Assert.That((settled.Mti, settled.Stan, settled.ResponseCode), Is.EqualTo(("0510", "000021", "00")));
    }

    [Test]
    public async Task Frames_are_raised_as_events_and_recorded_with_masked_text_in_both_directions()
    {
        await using var fixture = HostFixture.Start();
        var seen = new List<FrameRecord>();
        fixture.Host.FrameReceived += (_, frame) => { lock (seen) seen.Add(frame); };
        fixture.Host.FrameSent += (_, frame) => { lock (seen) seen.Add(frame); };
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(8));
        await terminal.ReceiveAsync();
        await fixture.Recorder.FlushAsync();

        var frames = fixture.Store.ReadFrames();
        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(f => f.Direction), Is.EqualTo(new[] { FrameDirection.Received, FrameDirection.Sent }));
            Assert.That(seen[0].MaskedText, Does.Contain("2=622202*********0123").And.Not.Contain(TestMessages.Pan));
            Assert.That(frames.Select(f => (f.Direction, f.Mti, f.Stan)), Is.EqualTo(new[]
            {
                (FrameDirection.Received, (string?)"0200", (string?)"000008"),
                (FrameDirection.Sent, (string?)"0210", (string?)"000008"),
            }));
            Assert.That(frames[1].TimestampNanoseconds, Is.GreaterThan(frames[0].TimestampNanoseconds));
            // Stored with the card digits masked (the default), flagged so.
            Assert.That(frames[0].Body, Is.EqualTo(CardDataMask.Mask(IsoCodec.Cup.Encode(TestMessages.Sale(8))).Body));
            Assert.That(frames[0].CardDataMasked, Is.True);
            Assert.That(frames[0].ConnectionId, Is.EqualTo(frames[1].ConnectionId));
        });
    }

    [Test]
    public async Task Many_terminals_at_once_each_get_their_own_replies()
    {
        await using var fixture = HostFixture.Start();
        const int terminals = 40, salesEach = 25;

        await Task.WhenAll(Enumerable.Range(1, terminals).Select(async t =>
        {
            var terminalId = $"TERM{t:D4}";
            await using var terminal = await fixture.ConnectAsync();
            for (var stan = 1; stan <= salesEach; stan++)
            {
                await terminal.SendAsync(TestMessages.Sale(stan, amount: t * 100 + stan, terminalId: terminalId));
                var reply = await terminal.ReceiveAsync();
                Assert.That((reply.TerminalId, reply.Stan, reply.ResponseCode, reply.AmountMinorUnits),
                    Is.EqualTo(((string?)terminalId, (string?)TestMessages.Stan(stan), (string?)"00", (long?)(t * 100 + stan))));
            }
        }));

        var ledger = fixture.Host.Ledger;
        Assert.That(ledger.Entries, Has.Count.EqualTo(terminals * salesEach));
        Assert.That(ledger.Entries.Select(e => e.RetrievalReferenceNumber).Distinct().Count(), Is.EqualTo(terminals * salesEach));
        await fixture.Recorder.FlushAsync();
        Assert.That(fixture.Store.ReadFrames(), Has.Count.EqualTo(2 * terminals * salesEach));
    }

    [Test]
    public async Task Rules_can_be_swapped_while_the_host_runs()
    {
        await using var fixture = HostFixture.Start();
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(1));
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
        fixture.Host.Rules = new HostRuleSet("decline", [], new DeclineAction("05"));
        await terminal.SendAsync(TestMessages.Sale(2));
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("05"));
    }
}
