using System.Text;
using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// The simulated terminal speaking a profile's scripted dialect: it reads the dialect's sale command and prints the
/// dialect's templates, in the dialect's framing; its firmware still speaks the bench protocol underneath.
/// </summary>
public sealed class ScriptedDialectTerminalTests
{
    private static async Task<ScriptedEcrSession> PowerOnAsync(ScriptedDialectRig rig)
    {
        var session = new ScriptedEcrSession(rig.ControllerEnd, rig.Dialect, rig.Time);
        rig.Terminal.PowerOn();
        await session.WaitUntilReadyAsync(0, rig.Token);
        return session;
    }

    private static async Task<EcrSaleResult> SellAsync(ScriptedDialectRig rig, IEcrSession session, long amount)
    {
        var mark = session.LineCount;
        var sale = session.SaleAsync(amount, rig.Token);
        await session.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, rig.Token);
        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack), Is.True, "the terminal should take the swipe");
        return await sale;
    }

    [Test]
    public async Task A_line_dialect_terminal_reads_the_sale_command_and_prints_ready_prompt_and_approval_in_the_dialect()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Line);
        await using var session = await PowerOnAsync(rig);

        var result = await SellAsync(rig, session, 2_500);
        var request = rig.Host.Received.Single(message => message.Mti == MessageTypes.FinancialRequest);
        var stan = request.Stan!;

        Assert.Multiple(() =>
        {
            Assert.That(session.Lines.Select(line => line.Text), Is.EqualTo(new[]
            {
                "IDLE", "INSERT OR SWIPE CARD", $"APPROVED AUTH:AU{stan[2..]} RRN:RRN{stan}000",
            }), "only what the dialect says: no SIGNING ON, CARD READ, SENT or RECEIVED");
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AU" + stan[2..]));
            Assert.That(request[4], Is.EqualTo("000000002500"), "PAY 000000002500 became a sale of 25.00");
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR< PAY 000000002500"));
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR> INSERT OR SWIPE CARD"));
        });
    }

    [Test]
    public async Task A_dialect_that_ends_its_lines_with_a_bare_carriage_return_is_read_both_ways()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Line with { LineEnding = "\r" });
        await using var session = await PowerOnAsync(rig);

        var result = await SellAsync(rig, session, 2_500);
        var stan = rig.Host.Received.Single(message => message.Mti == MessageTypes.FinancialRequest).Stan!;

        Assert.Multiple(() =>
        {
            Assert.That(session.Lines.Select(line => line.Text), Is.EqualTo(new[]
            {
                "IDLE", "INSERT OR SWIPE CARD", $"APPROVED AUTH:AU{stan[2..]} RRN:RRN{stan}000",
            }), "each CR ends a line; no line runs into the next");
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR< PAY 000000002500"));
        });
    }

    [Test]
    public async Task A_line_dialect_terminal_prints_a_decline_with_its_code_and_a_timeout_at_the_response_timeout()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Line);
        await using var session = await PowerOnAsync(rig);
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest ? rig.Host.Decline(request, "51") : rig.Host.DefaultReply(request);

        var declined = await SellAsync(rig, session, 700);
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest ? null : rig.Host.DefaultReply(request);
        var mark = session.LineCount;
        var sale = session.SaleAsync(800, rig.Token);
        await session.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, rig.Token);
        rig.Terminal.Swipe(TerminalRig.Card.RawTrack);
        await rig.WaitForStateAsync(TerminalState.AwaitingResponse);
        rig.Time.Advance(rig.Profile.ResponseTimeout);
        var timedOut = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(declined.Outcome, Is.EqualTo(EcrSaleOutcome.Declined));
            Assert.That(declined.ResponseCode, Is.EqualTo("51"));
            Assert.That(declined.Lines[^1].Text, Is.EqualTo("DECLINED RC:51"));
            Assert.That(timedOut.Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
            Assert.That(timedOut.Lines[^1].Text, Is.EqualTo("HOST TIMEOUT"));
            Assert.That(rig.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.ReversalNoResponse), "the firmware underneath is the same");
        });
    }

    [Test]
    public async Task A_message_that_is_not_the_dialects_sale_command_is_answered_with_the_other_message()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Line);
        await using var session = await PowerOnAsync(rig);
        var mark = session.LineCount;

        await rig.ControllerEnd.WriteAsync(Encoding.ASCII.GetBytes("SALE 2500\r\n"), rig.Token);
        var answer = await session.WaitForAsync(line => line.Kind == EcrLineKind.Result, mark, rig.Token);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("COMMS ERROR"), "the bench protocol's SALE is not this dialect's");
            Assert.That(rig.Host.Received.Any(message => message.Mti == MessageTypes.FinancialRequest), Is.False);
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR< SALE 2500"));
        });
    }

    [Test]
    public async Task A_framed_dialect_terminal_naks_a_frame_with_a_bad_lrc_the_controller_sends_again_and_the_sale_is_approved()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Framed);
        var noisy = new FirstFrameCorruptingStream(rig.ControllerEnd);
        await using var session = new ScriptedEcrSession(noisy, rig.Dialect, rig.Time);
        rig.Terminal.PowerOn();
        // The dialect has no ready line: the firmware's own state says when it takes sales.
        await rig.WaitForStateAsync(TerminalState.Idle);

        var result = await SellAsync(rig, session, 2_500);
        var request = rig.Host.Received.Single(message => message.Mti == MessageTypes.FinancialRequest);
        var stan = request.Stan!;

        Assert.Multiple(() =>
        {
            Assert.That(noisy.FramesWritten, Is.EqualTo(2), "the sale command went twice: the first arrived with a bad LRC");
            Assert.That(noisy.Received, Does.Contain(StxEtxLrc.NegativeAcknowledge), "the terminal answered the bad frame NAK");
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AU" + stan[2..]));
            Assert.That(result.RetrievalReferenceNumber, Is.EqualTo("RRN" + stan + "000"));
            Assert.That(result.Stan, Is.EqualTo(stan), "the T|stan frame carries the request's STAN");
            Assert.That(request[4], Is.EqualTo("000000002500"));
            Assert.That(session.Lines.Select(line => line.Text), Is.EqualTo(new[]
            {
                "P|CARD", "T|" + stan, $"R|00|AU{stan[2..]}|RRN{stan}000",
            }));
        });
    }

    [Test]
    public async Task A_framed_dialect_terminal_sends_a_refused_frame_again_and_answers_nothing_while_its_power_is_off()
    {
        await using var rig = await ScriptedDialectRig.CreateAsync(ScriptedDialects.Framed);
        var controller = new FramedControllerEnd(rig.ControllerEnd);

        await controller.SendFrameAsync("S|2500", rig.Token);
        await TerminalRig.Quiet();
        rig.Terminal.PowerOn();
        await rig.WaitForStateAsync(TerminalState.Idle);
        await controller.SendFrameAsync("S|2500", rig.Token);
        var answer = await controller.ReadByteAsync(rig.Token);
        var next = await controller.ReadByteAsync(rig.Token);
        var prompt = await controller.ReadFrameBodyAsync(rig.Token);
        await controller.RefuseAsync(rig.Token);
        var promptAgain = await controller.ReadFrameAsync(rig.Token);
        await controller.AcknowledgeAsync(rig.Token);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo(StxEtxLrc.Acknowledge));
            Assert.That(next, Is.EqualTo(StxEtxLrc.StartOfText), "one ACK only, for the frame sent while powered: the first went unanswered");
            Assert.That(prompt, Is.EqualTo(("P|CARD", true)));
            Assert.That(promptAgain, Is.EqualTo(("P|CARD", true)), "a NAK makes the terminal send the same frame again");
            Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingCard));
        });
    }
}
