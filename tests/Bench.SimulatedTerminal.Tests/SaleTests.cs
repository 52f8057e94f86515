using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

public sealed class SaleTests
{
    [Test]
    public async Task Approved_sale_sends_a_signed_0200_and_clears_the_reversal_record()
    {
        await using var rig = await TerminalRig.StartAsync();

        var result = await rig.SellAsync(12_345);

        var request = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.Stan, Is.EqualTo("000002"), "STAN 000001 went to the sign-on");
            Assert.That(result.RetrievalReferenceNumber, Is.EqualTo("RRN000002000"));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AU0002"));
            Assert.That(result.AcknowledgedTimestamp, Is.Not.Null);
            Assert.That(result.RequestSentTimestamp, Is.GreaterThanOrEqualTo(result.AcknowledgedTimestamp!.Value));
            Assert.That(request.AmountMinorUnits, Is.EqualTo(12_345));
            Assert.That(request[35], Is.EqualTo(TerminalRig.Card.Track2Data));
            Assert.That(request[60], Does.StartWith(Field60.SaleTypeCode + FakeHost.AssignedBatch));
            Assert.That(rig.Host.Verify(request), Is.True, "field 64 must verify with the shared MAC key");
            Assert.That(rig.Terminal.PendingReversal, Is.Null);
            Assert.That(rig.Terminal.Journal.Single().Stan, Is.EqualTo("000002"));
            Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.Idle));
            Assert.That(rig.Terminal.CurrentTransactionState, Is.EqualTo(TransactionState.Completed));
        });
    }

    [Test]
    public async Task Declined_sale_is_a_clean_completion()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest
            ? rig.Host.Decline(request, ResponseCodes.InsufficientFunds)
            : rig.Host.DefaultReply(request);

        var result = await rig.SellAsync(500);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Declined));
            Assert.That(result.ResponseCode, Is.EqualTo("51"));
            Assert.That(rig.Terminal.PendingReversal, Is.Null);
            Assert.That(rig.Terminal.Journal, Is.Empty);
        });
    }

    [Test]
    public async Task Response_timeout_fires_exactly_at_the_profile_timeout()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest ? null : rig.Host.DefaultReply(request);

        var sale = await rig.StartSaleAsync(700);
        var request = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout - TimeSpan.FromMilliseconds(1));
        await TerminalRig.Quiet();

        Assert.That(sale.IsCompleted, Is.False, "one millisecond before the timeout the terminal still waits");
        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingResponse));

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
            Assert.That(rig.Terminal.PendingReversal?.Stan, Is.EqualTo(request.Stan));
            Assert.That(rig.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.ReversalNoResponse));
        });
    }

    [Test]
    public async Task Corrupt_mac_on_the_0210_shows_mac_error_keeps_an_A0_reversal_and_signs_on_again()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest
            ? rig.Host.Approve(request).With(64, "0000000000000000")
            : rig.Host.DefaultReply(request);
        var mark = rig.Ecr.LineCount;

        var result = await rig.SellAsync(900);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Ready, mark, rig.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.MacError));
            Assert.That(rig.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.MacFailure));
            Assert.That(rig.Terminal.PendingReversal?.AuthorizationCode, Is.EqualTo("AU0002"));
            Assert.That(rig.Host.Received.Count(m => m.Mti == MessageTypes.NetworkManagementRequest), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Header_asking_for_re_sign_on_makes_the_terminal_sign_on_after_the_sale()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest
            ? rig.Host.Sign(rig.Host.Approve(request).WithHeader(request.Header with { ProcessingRequirement = ProcessingRequirement.ReSignOn }))
            : rig.Host.DefaultReply(request);
        var mark = rig.Ecr.LineCount;

        var result = await rig.SellAsync(100);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Ready, mark, rig.Token);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(rig.Host.Received.Select(m => m.Mti), Is.EqualTo(new[] { "0800", "0200", "0800" }));
    }

    [Test]
    public async Task Unreachable_host_is_a_comm_error_and_leaves_no_reversal()
    {
        await using var rig = await TerminalRig.StartAsync();
        await rig.Host.DisposeAsync();

        var result = await rig.SellAsync(100);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError));
        Assert.That(rig.Terminal.PendingReversal, Is.Null);
    }
}
