using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>Each bug switch changes the behaviour the way the field bug does (DESIGN.md §6).</summary>
public sealed class FirmwareBugTests
{
    private static Func<IsoMessage, IsoMessage?> SwallowSales(TerminalRig rig) =>
        request => request.Mti == MessageTypes.FinancialRequest ? null : rig.Host.DefaultReply(request);

    [Test]
    public async Task No_reversal_after_timeout_loses_the_reversal()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { NoReversalAfterTimeout = true });
        rig.Host.Respond = SwallowSales(rig);
        var sale = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
        Assert.That(rig.Terminal.PendingReversal, Is.Null);

        rig.Host.Respond = rig.Host.DefaultReply;
        await rig.SellAsync(100);

        Assert.That(rig.Host.Received.Select(m => m.Mti), Is.EqualTo(new[] { "0800", "0200", "0200" }), "no 0400 follows the timeout");
    }

    [Test]
    public async Task Reversal_not_persisted_is_lost_on_power_loss()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { ReversalNotPersisted = true });
        rig.Host.Respond = SwallowSales(rig);
        _ = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        await rig.WaitForStateAsync(TerminalState.AwaitingResponse);
        Assert.That(rig.Terminal.PendingReversal, Is.Not.Null, "kept in RAM while powered");

        rig.Terminal.PowerOff();
        Assert.That(rig.Terminal.PendingReversal, Is.Null);
        await rig.PowerOnAsync();
        rig.Host.Respond = rig.Host.DefaultReply;
        await rig.SellAsync(100);

        Assert.That(rig.Host.Received.Select(m => m.Mti), Is.EqualTo(new[] { "0800", "0200", "0800", "0200" }));
    }

    [Test]
    public async Task Mac_check_ignored_approves_a_reply_with_a_corrupt_mac()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { MacCheckIgnored = true });
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest
            ? rig.Host.Approve(request).With(64, "0000000000000000")
            : rig.Host.DefaultReply(request);

        var result = await rig.SellAsync(900);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(rig.Terminal.PendingReversal, Is.Null, "no A0 reversal");
    }

    [Test]
    public async Task Pending_reversal_deleted_after_resends_fail()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { PendingReversalDeletedAfterResendsFail = true },
            TerminalRig.DefaultProfile with { ReversalResendCount = 0 });
        rig.Host.Respond = request => request.Mti is MessageTypes.FinancialRequest or MessageTypes.ReversalRequest ? null : rig.Host.DefaultReply(request);
        var sale = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        await sale;

        var next = await rig.StartSaleAsync(100);
        await ReversalTests.WaitForReversalsAsync(rig, 1);
        rig.Time.Advance(rig.Profile.ResponseTimeout);

        Assert.That((await next).Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError));
        Assert.That(rig.Terminal.PendingReversal, Is.Null);
    }

    [Test]
    public async Task Reversal_cleared_before_the_response_is_checked_accepts_a_refused_0410()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { ReversalClearedBeforeResponseChecked = true });
        rig.Host.Respond = SwallowSales(rig);
        var sale = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        await sale;
        rig.Host.Respond = request => request.Mti == MessageTypes.ReversalRequest
            ? rig.Host.Decline(request, ResponseCodes.SystemMalfunction)
            : rig.Host.DefaultReply(request);

        var result = await rig.SellAsync(100);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(rig.Host.Received.Count(m => m.Mti == MessageTypes.ReversalRequest), Is.EqualTo(1));
        Assert.That(rig.Terminal.PendingReversal, Is.Null);
    }

    [Test]
    public async Task Late_reply_accepted_takes_the_previous_sales_0210_as_the_current_one()
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { LateReplyAccepted = true, NoReversalAfterTimeout = true }, keepConnectionOpen: true);
        var held = new List<IsoMessage>();
        rig.Host.Respond = request =>
        {
            if (request.Mti != MessageTypes.FinancialRequest) return rig.Host.DefaultReply(request);
            lock (held)
            {
                held.Add(request);
                // The first sale's reply is delivered late, on the second sale's request, ahead of the second's own.
                return held.Count == 1 ? null : rig.Host.Approve(held[0]);
            }
        };
        var first = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        await first;

        var second = await rig.SellAsync(100);

        Assert.That(second.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(second.AuthorizationCode, Is.EqualTo("AU" + held[0].Stan![2..]), "the first sale's approval was taken for the second");
    }
}
