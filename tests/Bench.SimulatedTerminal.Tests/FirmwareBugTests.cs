using Bench.Codec;
using Bench.Hardware;
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

    [TestCase(true)]
    [TestCase(false)]
    public async Task Read_loop_truncates_a_reply_that_arrives_in_small_segments(bool bug)
    {
        await using var rig = await StartWithBlockwiseReadsAsync(bug);
        // From here on every read gets at most 16 bytes: the 0210 arrives in segments, as over a slow or congested link.
        rig.Modem.MaximumReadLength = 16;
        var undecodable = WaitForConsoleAsync(rig, text => text.StartsWith("RX UNDECODABLE", StringComparison.Ordinal));

        var sale = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);

        if (bug)
        {
            // The first 16-byte segment was taken as the whole reply; the rest as more garbled replies.
            await undecodable;
            rig.Time.Advance(rig.Profile.ResponseTimeout);
            var result = await sale;
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Timeout), "the host approved, the terminal saw no reply");
            Assert.That(rig.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.ReversalNoResponse));
        }
        else
        {
            var result = await sale;
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved), "the frame reader joins the segments by the length prefix");
            Assert.That(undecodable.IsCompleted, Is.False);
            Assert.That(rig.Terminal.PendingReversal, Is.Null);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Read_loop_hangs_on_a_reply_whose_length_is_a_multiple_of_64(bool bug)
    {
        await using var rig = await StartWithBlockwiseReadsAsync(bug);
        var replyLength = 0;
        rig.Host.Respond = request =>
        {
            if (request.Mti != MessageTypes.FinancialRequest) return rig.Host.DefaultReply(request);
            var padded = PadToMultipleOf64(rig, rig.Host.Approve(request));
            replyLength = IsoCodec.Cup.EncodeFrame(padded).Length;
            return padded;
        };

        var sale = await rig.StartSaleAsync(4_200);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);

        if (bug)
        {
            // The last block is full, so the loop waits for a short one: nothing comes before the timer.
            rig.Time.Advance(rig.Profile.ResponseTimeout);
            Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
            Assert.That(rig.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.ReversalNoResponse));
        }
        else
        {
            Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        }
        Assert.That(replyLength % ReadBlock, Is.Zero, "the 0210 on the wire, length prefix included");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Reversal_retried_with_a_new_stan_after_its_0410_is_lost(bool bug)
    {
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { ReversalRetriedWithNewStan = bug });
        rig.Host.Respond = SwallowSales(rig);
        var first = await rig.StartSaleAsync(4_200);
        var original = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        Assert.That((await first).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));

        // The host reverses the first 0400 but its 0410 is lost; later ones are answered.
        var reversalsSeen = 0;
        rig.Host.Respond = request =>
            request.Mti == MessageTypes.ReversalRequest && Interlocked.Increment(ref reversalsSeen) == 1 ? null : rig.Host.DefaultReply(request);
        var next = await rig.StartSaleAsync(100);
        await ReversalTests.WaitForReversalsAsync(rig, 1);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        var result = await next;

        var reversals = rig.Host.Received.Where(m => m.Mti == MessageTypes.ReversalRequest).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(reversals, Has.Count.EqualTo(2));
            Assert.That(reversals[0].Stan, Is.EqualTo(original.Stan));
            Assert.That(reversals.Select(m => m[61]), Has.All.EqualTo(FakeHost.AssignedBatch + original.Stan), "field 61 still names the original");
            Assert.That(rig.Terminal.PendingReversal, Is.Null);
        });
        if (bug)
        {
            Assert.That(reversals[1].Stan, Is.Not.EqualTo(original.Stan), "the resend went out as a new message");
            Assert.That(result.ReversalsSent, Is.EqualTo(new[] { original.Stan, reversals[1].Stan }));
        }
        else
        {
            Assert.That(reversals[1].Stan, Is.EqualTo(original.Stan), "a resend keeps the original STAN");
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Response_timer_including_the_connect_shortens_the_timeout_by_the_connect_time(bool bug)
    {
        var connectTime = TimeSpan.FromSeconds(20);
        await using var rig = await TerminalRig.StartAsync(new FirmwareBugs { ResponseTimerIncludesConnect = bug });
        rig.Host.Respond = SwallowSales(rig);
        rig.Modem.ResetConnectStarted();
        rig.Modem.ConnectDelay = connectTime;

        var sale = await rig.StartSaleAsync(4_200);
        await rig.Modem.ConnectStarted;
        rig.Time.Advance(connectTime);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Time.Advance(rig.Profile.ResponseTimeout - connectTime);

        if (bug)
        {
            Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout), "timed out the connect time early");
        }
        else
        {
            await TerminalRig.Quiet();
            Assert.That(sale.IsCompleted, Is.False, "the timer runs from the send");
            Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingResponse));
            rig.Time.Advance(connectTime);
            Assert.That((await sale).Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
        }
    }

    /// <summary>
    /// A rig whose terminal may carry the read-loop bug, signed on. The fake host's bare 0810 is exactly 64 bytes,
    /// on which such a firmware would hang at boot; a real host's carries working keys in field 62, so this one
    /// gets an operator field that takes it off the block boundary.
    /// </summary>
    private static async Task<TerminalRig> StartWithBlockwiseReadsAsync(bool bug)
    {
        var rig = await TerminalRig.CreateAsync(new FirmwareBugs { ReadLoopTruncatesSplitReply = bug });
        rig.Host.Respond = request =>
        {
            var reply = rig.Host.DefaultReply(request);
            return request.Mti == MessageTypes.NetworkManagementRequest && IsoCodec.Cup.EncodeFrame(reply).Length % ReadBlock == 0
                ? reply.With(63, "01 ")
                : reply;
        };
        await rig.PowerOnAsync();
        rig.Host.Respond = rig.Host.DefaultReply;
        return rig;
    }

    /// <summary>The block size of the buggy receive loop (its driver's FIFO).</summary>
    private const int ReadBlock = 64;

    /// <summary>The reply with field 63 filled so that its frame (length prefix included) is a whole number of 64-byte blocks.</summary>
    private static IsoMessage PadToMultipleOf64(TerminalRig rig, IsoMessage reply)
    {
        for (var padding = 1; padding <= ReadBlock; padding++)
        {
            var padded = rig.Host.Sign(reply.With(63, new string('P', padding)));
            if (IsoCodec.Cup.EncodeFrame(padded).Length % ReadBlock == 0) return padded;
        }
        throw new InvalidOperationException("no padding of field 63 makes the reply a multiple of 64 bytes");
    }

    /// <summary>Completes when the terminal prints a console line that satisfies <paramref name="predicate"/>.</summary>
    private static Task WaitForConsoleAsync(TerminalRig rig, Func<string, bool> predicate)
    {
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Terminal.ConsoleLineWritten += line =>
        {
            if (predicate(line.Text)) printed.TrySetResult();
        };
        return printed.Task.WaitAsync(rig.Token);
    }
}
