using System.Text;
using Bench.Hardware.Ecr;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.Ecr;

/// <summary>Scripted ECR dialects end to end over a real serial path: a pty opened with System.IO.Ports, the test playing the terminal.</summary>
[TestFixture]
[Platform("Linux")]
public sealed class ScriptedEcrSessionTests
{
    // Bounds how long a failing test hangs on real I/O; no test measures speed with it.
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(10);

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await stream.FlushAsync();
    }

    private static async Task<string> ReadRawLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count == 0 || bytes[^1] != (byte)'\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) throw new EndOfStreamException();
            bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString([.. bytes]);
    }

    [Test]
    public async Task A_line_dialect_sends_its_sale_template_and_recognises_prompt_stan_and_approval()
    {
        using var link = new SerialLink();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Line, TimeProvider.System);
        using var timeout = new CancellationTokenSource(IoTimeout);

        var sale = session.SaleAsync(2_500, timeout.Token);
        var command = await ReadRawLineAsync(link.TerminalEnd, timeout.Token);
        await WriteAsync(link.TerminalEnd, "INSERT OR SWIPE CARD\r\nREADING 622202******0018\r\nTRACE 000042\r\nAPPROVED AUTH:AB12CD RRN:000000123456\r\n");
        var result = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(command, Is.EqualTo("PAY 000000002500\r\n"));
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AB12CD"));
            Assert.That(result.RetrievalReferenceNumber, Is.EqualTo("000000123456"));
            Assert.That(result.Stan, Is.EqualTo("000042"));
            Assert.That(result.Lines.Select(line => line.Kind), Is.EqualTo(new[]
            {
                EcrLineKind.PromptCard, EcrLineKind.Unrecognized, EcrLineKind.Sent, EcrLineKind.Result,
            }));
            Assert.That(result.Lines.Select(line => line.Timestamp), Is.Ordered);
            Assert.That(session.Dialect, Is.EqualTo("scripted/line"));
        });
    }

    [Test]
    public async Task A_terminal_that_prints_no_stan_gives_a_result_without_one_and_declines_carry_their_code()
    {
        using var link = new SerialLink();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Line, TimeProvider.System);
        using var timeout = new CancellationTokenSource(IoTimeout);

        var declined = session.SaleAsync(100, timeout.Token);
        await ReadRawLineAsync(link.TerminalEnd, timeout.Token);
        await WriteAsync(link.TerminalEnd, "INSERT OR SWIPE CARD\r\nDECLINED RC:51\r\n");
        var first = await declined;
        var other = session.SaleAsync(100, timeout.Token);
        await ReadRawLineAsync(link.TerminalEnd, timeout.Token);
        await WriteAsync(link.TerminalEnd, "COMMS ERROR\r\n");
        var second = await other;

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(EcrSaleOutcome.Declined));
            Assert.That(first.ResponseCode, Is.EqualTo("51"));
            Assert.That(first.Stan, Is.Null);
            Assert.That(second.Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError), "'other' is a failure whose money outcome is unknown");
            Assert.That(second.Lines, Has.Count.EqualTo(1), "the second sale's lines start after its own command");
        });
    }

    [Test]
    public async Task A_framed_dialect_resends_after_a_nak_and_naks_a_frame_whose_lrc_is_wrong()
    {
        using var link = new SerialLink();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Framed, TimeProvider.System);
        using var timeout = new CancellationTokenSource(IoTimeout);
        var terminal = new FramedTerminalEnd(link.TerminalEnd);

        var sale = session.SaleAsync(2_500, timeout.Token);
        var firstTry = await terminal.ReadFrameAsync(timeout.Token);
        await terminal.RefuseAsync(timeout.Token);
        var secondTry = await terminal.ReadFrameAsync(timeout.Token);
        await terminal.AcknowledgeAsync(timeout.Token);

        await terminal.SendFrameAsync("P|CARD", timeout.Token, corruptLrc: true);
        var answerToBadLrc = await terminal.ReadByteAsync(timeout.Token);
        await terminal.SendFrameAsync("P|CARD", timeout.Token);
        var answerToGoodFrame = await terminal.ReadByteAsync(timeout.Token);
        await terminal.SendFrameAsync("R|00|AB12CD", timeout.Token);
        var answerToResult = await terminal.ReadByteAsync(timeout.Token);
        var result = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(firstTry, Is.EqualTo(("S|2500", true)));
            Assert.That(secondTry, Is.EqualTo(("S|2500", true)), "a NAK makes the controller send the same frame again");
            Assert.That(answerToBadLrc, Is.EqualTo(StxEtxLrc.NegativeAcknowledge));
            Assert.That(answerToGoodFrame, Is.EqualTo(StxEtxLrc.Acknowledge));
            Assert.That(answerToResult, Is.EqualTo(StxEtxLrc.Acknowledge));
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AB12CD"));
            Assert.That(result.Lines.Count(line => line.Kind == EcrLineKind.PromptCard), Is.EqualTo(1), "the frame with the bad LRC is dropped");
        });
    }

    [Test]
    public async Task A_framed_message_nobody_acknowledges_is_sent_again_when_its_timer_expires_and_then_fails()
    {
        using var link = new SerialLink();
        var time = new FakeTimeProvider();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Framed, time);
        using var timeout = new CancellationTokenSource(IoTimeout);
        var terminal = new FramedTerminalEnd(link.TerminalEnd);

        var sale = session.SaleAsync(700, timeout.Token);
        var attempts = new List<string>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            attempts.Add((await terminal.ReadFrameAsync(timeout.Token)).Text);
            Assert.That(sale.IsCompleted, Is.False, $"attempt {attempt} is still waiting for its ACK");
            // Just short of the timer: nothing is resent yet.
            time.Advance(TimeSpan.FromMilliseconds(1_999));
            Assert.That(sale.IsCompleted, Is.False);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var error = Assert.ThrowsAsync<EcrProtocolException>(async () => await sale.WaitAsync(timeout.Token))!;
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(new[] { "S|700", "S|700", "S|700" }));
            Assert.That(error.Message, Does.Contain("after 3 attempts").And.Contain("no ACK within 2000 ms"));
        });
    }

    [Test]
    public async Task A_dialect_without_a_ready_line_is_ready_after_its_boot_time_on_the_injected_clock()
    {
        using var link = new SerialLink();
        var time = new FakeTimeProvider();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Framed with { BootTime = TimeSpan.FromSeconds(20) }, time);

        var ready = session.WaitUntilReadyAsync(session.LineCount, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(19));
        var earlier = ready.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        await ready.WaitAsync(IoTimeout);

        Assert.That(earlier, Is.False);
    }

    [Test]
    public async Task The_session_closes_when_the_port_fails_and_a_waiting_sale_hears_why()
    {
        var link = new SerialLink();
        await using var session = new ScriptedEcrSession(link.ControllerEnd, ScriptedEcrDialects.Line, TimeProvider.System);
        using var timeout = new CancellationTokenSource(IoTimeout);

        var sale = session.SaleAsync(100, timeout.Token);
        await ReadRawLineAsync(link.TerminalEnd, timeout.Token);
        link.Dispose();

        Assert.That(async () => await sale, Throws.InstanceOf<EcrProtocolException>());
        Assert.That(session.IsClosed, Is.True);
    }

    [TestCase("PAY {amount}", 2500, "PAY 2500")]
    [TestCase("{amount:D12}", 2500, "000000002500")]
    [TestCase("S|{amount:D6}|EUR", 7, "S|000007|EUR")]
    public void The_sale_template_fills_in_the_amount(string template, long amount, string expected)
    {
        Assert.That(ScriptedEcrDialect.TryFormatSale(template, amount, out var text, out var error), Is.True, error);
        Assert.That(text, Is.EqualTo(expected));
    }

    [TestCase("PAY", "must contain the placeholder")]
    [TestCase("PAY {amount} {amount}", "only once")]
    [TestCase("PAY {amt}", "must contain the placeholder")]
    [TestCase("PAY {amount:Q}", "not a .NET integer format")]
    [TestCase("PAY {amountX}", "is not a placeholder")]
    public void A_bad_sale_template_says_why(string template, string problem)
    {
        Assert.That(ScriptedEcrDialect.TryFormatSale(template, 1, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(problem));
    }
}
