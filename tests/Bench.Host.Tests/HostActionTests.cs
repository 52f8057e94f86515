using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>The host behaviours of DESIGN.md §7 beyond delay and no-reply, each over real loopback TCP.</summary>
[TestFixture]
public sealed class HostActionTests
{
    private static readonly MessageSigner Signer = new(IsoCodec.Cup, TestMessages.MacKey);

    private static HostRuleSet Rules(string yaml) => HostRuleSetLoader.Parse(yaml, "test.yaml");

    [Test]
    public async Task A_split_reply_arrives_segment_by_segment_on_the_host_clock_and_reassembles_to_the_signed_reply()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(Rules("rules:\n  - action: { kind: splitReply, segmentBytes: 10, interval: 1s }\n"), clock);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(1));
        var received = new List<byte>(await terminal.ReceiveBytesAsync(10));
        var length = (received[0] << 8 | received[1]) + Framing.PrefixLength;
        Assert.That(length, Is.GreaterThan(30), "a sale reply spans several segments");
        Assert.That(await terminal.NoByteWithinAsync(TimeSpan.FromMilliseconds(200)), Is.True, "the second segment waits for the host clock");

        while (received.Count < length)
        {
            await clock.WhenTimerCreatedAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            received.AddRange(await terminal.ReceiveBytesAsync(Math.Min(10, length - received.Count)));
        }

        var reply = IsoCodec.Cup.Decode(received.ToArray().AsSpan(Framing.PrefixLength));
        Assert.Multiple(() =>
        {
            Assert.That(reply.ResponseCode, Is.EqualTo("00"));
            Assert.That(Signer.Verify(reply), Is.True, "the pieces are the signed reply, byte for byte");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(1)), Is.EqualTo(12_345));
        });
    }

    [Test]
    public async Task A_duplicated_reply_is_sent_as_often_as_asked_but_booked_once()
    {
        await using var fixture = HostFixture.Start(Rules("rules:\n  - action: { kind: duplicateReply, copies: 3 }\n"));
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(2));
        var replies = new[] { await terminal.ReceiveAsync(), await terminal.ReceiveAsync(), await terminal.ReceiveAsync() };

        Assert.Multiple(() =>
        {
            Assert.That(replies.Select(reply => reply[37]).Distinct().Count(), Is.EqualTo(1), "the same reply three times");
            Assert.That(replies.All(reply => reply.ResponseCode == "00" && reply.Stan == TestMessages.Stan(2)), Is.True);
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(2)).Select(entry => entry.Kind), Is.EqualTo(new[] { LedgerEntryKind.Debit }));
        });
    }

    [Test]
    public async Task A_duplicated_reply_waits_its_interval_on_the_host_clock()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(Rules("rules:\n  - action: { kind: duplicateReply, interval: 5s }\n"), clock);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(3));
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
        await clock.WhenTimerArmedAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True, "no copy before 5 s of host time");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await terminal.ReceiveAsync()).Stan, Is.EqualTo(TestMessages.Stan(3)));
    }

    [Test]
    public async Task A_corrupt_mac_reply_fails_the_terminals_check_while_the_debit_stands()
    {
        await using var fixture = HostFixture.Start(Rules("rules:\n  - action: corruptMac\n"));
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(4));
        var reply = await terminal.ReceiveAsync();
        var repaired = reply.With(64, reply.Binary(64)!.Select(b => (byte)(b ^ 0x01)).ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(reply.ResponseCode, Is.EqualTo("00"));
            Assert.That(Signer.Verify(reply), Is.False, "the MAC is wrong");
            Assert.That(Signer.Verify(repaired), Is.True, "and wrong only by the flipped bits: it was signed first");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(4)), Is.EqualTo(12_345));
        });
    }

    [Test]
    public async Task Re_sign_on_is_asked_in_the_header_of_an_approval_or_with_a_response_code_that_books_nothing()
    {
        await using var fixture = HostFixture.Start(Rules("""
            rules:
              - match: { terminalId: TERM0001 }
                action: reSignOn
              - action: { kind: reSignOn, responseCode: "77" }
            """));
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(5));
        var header = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(6, terminalId: "TERM0002"));
        var code = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(header.Header.ProcessingRequirement, Is.EqualTo(ProcessingRequirement.ReSignOn));
            Assert.That(header.ResponseCode, Is.EqualTo("00"));
            Assert.That(Signer.Verify(header), Is.True, "the header is outside the MAC");
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(5)), Is.EqualTo(12_345));
            Assert.That(code.ResponseCode, Is.EqualTo("77"));
            Assert.That(code.Header.ProcessingRequirement, Is.EqualTo(ProcessingRequirement.None));
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(6, "TERM0002")), Is.Empty);
        });
    }

    [Test]
    public async Task A_dropped_0410_leaves_the_reversal_booked_and_the_terminal_unanswered()
    {
        await using var fixture = HostFixture.Start(new HostRuleSet("drop", [new HostRule("0410 lost", RuleMatch.Any, new DropReversalReplyAction(ApproveAction.Instance))], ApproveAction.Instance));
        await using var terminal = await fixture.ConnectAsync();
        var sale = TestMessages.Sale(7);

        await terminal.SendAsync(sale);
        Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
        await terminal.SendAsync(TestMessages.Reversal(sale));

        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(300)), Is.True, "no 0410");
        Assert.Multiple(() =>
        {
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(7)), Is.Zero, "the reversal was booked");
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(7)).Select(entry => entry.Kind),
                Is.EqualTo(new[] { LedgerEntryKind.Debit, LedgerEntryKind.Reversal }));
        });
    }

    [Test]
    public async Task A_late_reply_for_the_next_connection_arrives_there_ahead_of_the_new_requests_reply()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(Rules("""
            rules:
              - match: { processingCode: "000000", amount: { min: 500 } }
                action: { kind: lateReply, after: 40s, connection: next }
            """), clock);
        await using (var first = await fixture.ConnectAsync())
        {
            await first.SendAsync(TestMessages.Sale(8));
            await clock.WhenTimerCreatedAsync();
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(8)), Is.EqualTo(12_345), "booked at once");
            clock.Advance(TimeSpan.FromSeconds(40));
            Assert.That(await first.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True, "never on the request's own connection");
        }
        await fixture.WhenConnectionsClosedAsync();
        Assert.That(fixture.Host.ParkedLateReplies, Is.EqualTo(1), "kept for the terminal's next connection");

        await using var next = await fixture.ConnectAsync();
        await next.SendAsync(TestMessages.Sale(9, amount: 100));
        var late = await next.ReceiveAsync();
        var own = await next.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That((late.Stan, late.ResponseCode), Is.EqualTo((TestMessages.Stan(8), "00")), "the old sale's 0210 comes first");
            Assert.That((own.Stan, own.ResponseCode), Is.EqualTo((TestMessages.Stan(9), "00")));
            Assert.That(fixture.Host.ParkedLateReplies, Is.Zero);
        });
    }

    [Test]
    public async Task A_late_reply_goes_at_once_to_a_newer_connection_the_terminal_already_uses()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(Rules("""
            rules:
              - match: { amount: { min: 500 } }
                action: { kind: lateReply, after: 40s, connection: next }
            """), clock);
        await using var first = await fixture.ConnectAsync();
        await using var second = await fixture.ConnectAsync();

        await first.SendAsync(TestMessages.Sale(10));
        await clock.WhenTimerCreatedAsync();
        await second.SendAsync(TestMessages.Sale(11, amount: 100));
        Assert.That((await second.ReceiveAsync()).Stan, Is.EqualTo(TestMessages.Stan(11)));

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.That((await second.ReceiveAsync()).Stan, Is.EqualTo(TestMessages.Stan(10)), "due, and the terminal's latest connection is another one");
        Assert.That(await first.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True);
    }

    [Test]
    public async Task A_late_reply_on_the_same_connection_is_held_for_its_time()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(Rules("rules:\n  - action: { kind: lateReply, after: 40s }\n"), clock);
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.Sale(12));
        await clock.WhenTimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await terminal.ReceiveAsync()).Stan, Is.EqualTo(TestMessages.Stan(12)));
    }
}
