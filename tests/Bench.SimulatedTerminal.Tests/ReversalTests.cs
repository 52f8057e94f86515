using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

public sealed class ReversalTests
{
    /// <summary>A host that debits the first sale but never answers it (approve-then-drop).</summary>
    private static void DropFirstSale(TerminalRig rig)
    {
        var salesSeen = 0;
        rig.Host.Respond = request =>
            request.Mti == MessageTypes.FinancialRequest && Interlocked.Increment(ref salesSeen) == 1 ? null : rig.Host.DefaultReply(request);
    }

    private static async Task<IsoMessage> TimeOutFirstSaleAsync(TerminalRig rig)
    {
        var sale = await rig.StartSaleAsync(4_200);
        var request = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
        return request;
    }

    [Test]
    public async Task Approve_then_drop_is_reversed_with_reason_98_before_the_next_sale()
    {
        await using var rig = await TerminalRig.StartAsync();
        DropFirstSale(rig);
        var dropped = await TimeOutFirstSaleAsync(rig);

        var next = await rig.SellAsync(100);

        var afterTimeout = rig.Host.Received.SkipWhile(m => m != dropped).Skip(1).ToList();
        Assert.That(afterTimeout.Select(m => m.Mti), Is.EqualTo(new[] { "0400", "0200" }), "the reversal precedes the new request");
        var reversal = afterTimeout[0];
        Assert.Multiple(() =>
        {
            Assert.That(next.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(next.ReversalsSent, Is.EqualTo(new[] { dropped.Stan }));
            Assert.That(reversal.Stan, Is.EqualTo(dropped.Stan), "a reversal keeps the original STAN");
            Assert.That(reversal.ResponseCode, Is.EqualTo(ResponseCodes.ReversalNoResponse));
            Assert.That(reversal.AmountMinorUnits, Is.EqualTo(4_200));
            Assert.That(reversal[61], Is.EqualTo(FakeHost.AssignedBatch + dropped.Stan));
            Assert.That(reversal.Has(35), Is.False);
            Assert.That(rig.Host.Verify(reversal), Is.True);
            Assert.That(afterTimeout[1].Stan, Is.Not.EqualTo(dropped.Stan));
            Assert.That(rig.Terminal.PendingReversal, Is.Null, "the 0410 cleared the record");
            Assert.That(rig.Ecr.Lines.Any(l => l.Kind == EcrLineKind.ReversalAcknowledged && l.Arguments[0] == dropped.Stan), Is.True);
        });
    }

    [Test]
    public async Task Pending_reversal_survives_a_power_cut_right_after_the_0200_left()
    {
        await using var rig = await TerminalRig.StartAsync();
        DropFirstSale(rig);
        var sale = await rig.StartSaleAsync(4_200);
        var cutOff = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);

        rig.Terminal.PowerOff();

        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.Off));
        Assert.That(rig.Terminal.PendingReversal?.Stan, Is.EqualTo(cutOff.Stan), "the record was in flash before the request left");
        Assert.That(sale.IsCompleted, Is.False, "a dead terminal prints no result");

        await rig.PowerOnAsync();
        var next = await rig.SellAsync(100);

        var afterBoot = rig.Host.Received.SkipWhile(m => m != cutOff).Skip(1).Select(m => m.Mti).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(afterBoot, Is.EqualTo(new[] { "0800", "0400", "0200" }));
            Assert.That(rig.Host.Received.Single(m => m.Mti == MessageTypes.ReversalRequest).Stan, Is.EqualTo(cutOff.Stan));
            Assert.That(next.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(next.Stan, Is.Not.EqualTo(cutOff.Stan), "STANs persist across power cycles");
            Assert.That(rig.Terminal.PendingReversal, Is.Null);
        });
    }

    [Test]
    public async Task Resend_count_is_honoured_and_the_record_is_kept_when_every_attempt_fails()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti is MessageTypes.FinancialRequest or MessageTypes.ReversalRequest ? null : rig.Host.DefaultReply(request);
        var dropped = await TimeOutFirstSaleAsync(rig);

        var sale = await rig.StartSaleAsync(100);
        var attempts = rig.Profile.ReversalResendCount + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            await WaitForReversalsAsync(rig, attempt);
            rig.Time.Advance(rig.Profile.ResponseTimeout);
        }
        var result = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError));
            // The terminal prints each request once it left, before RESULT: its lines show what it sent, with no waiting.
            Assert.That(result.ReversalsSent, Has.Count.EqualTo(attempts));
            Assert.That(result.Lines.Any(l => l.Kind == EcrLineKind.Sent), Is.False, "no 0200 left during the sale");
            Assert.That(rig.Host.Received.Count(m => m.Mti == MessageTypes.ReversalRequest), Is.EqualTo(attempts));
            Assert.That(rig.Host.Received.Where(m => m.Mti == MessageTypes.ReversalRequest).Select(m => m.Stan).Distinct(), Is.EqualTo(new[] { dropped.Stan }));
            Assert.That(rig.Host.Received.Count(m => m.Mti == MessageTypes.FinancialRequest), Is.EqualTo(1), "no new debit while a reversal is pending");
            Assert.That(rig.Terminal.PendingReversal?.Stan, Is.EqualTo(dropped.Stan));
            Assert.That(rig.Ecr.Lines.Any(l => l.Kind == EcrLineKind.ReversalFailed), Is.True);
        });
    }

    [Test]
    public async Task A_refused_0410_does_not_clear_the_record()
    {
        await using var rig = await TerminalRig.StartAsync();
        DropFirstSale(rig);
        await TimeOutFirstSaleAsync(rig);
        rig.Host.Respond = request => request.Mti == MessageTypes.ReversalRequest
            ? rig.Host.Sign(rig.Host.Decline(request, ResponseCodes.SystemMalfunction))
            : rig.Host.DefaultReply(request);

        var result = await rig.SellAsync(100);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError));
        Assert.That(rig.Host.Received.Count(m => m.Mti == MessageTypes.ReversalRequest), Is.EqualTo(rig.Profile.ReversalResendCount + 1));
        Assert.That(rig.Terminal.PendingReversal, Is.Not.Null);
    }

    internal static Task WaitForReversalsAsync(TerminalRig rig, int count) =>
        rig.Host.WaitForCountAsync(m => m.Mti == MessageTypes.ReversalRequest, count, rig.Token);
}
