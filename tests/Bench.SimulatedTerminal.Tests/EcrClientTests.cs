using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>The controller's ECR client against a scripted terminal end of the cable.</summary>
public sealed class EcrClientTests
{
    private static async Task WriteAsync(Stream terminalEnd, string text)
    {
        await terminalEnd.WriteAsync(Encoding.Latin1.GetBytes(text));
        await terminalEnd.FlushAsync();
    }

    [Test]
    public async Task Malformed_lines_are_recorded_with_a_reason_and_reading_goes_on()
    {
        using var cable = await SerialCable.CreateAsync();
        await using var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await WriteAsync(cable.TerminalEnd, "GARBAGE 1\r\nSENT 0200 STAN 12\r\n\xff\xfe\r\n" + new string('X', 300) + "\r\nREADY\r\n");
        await client.WaitForAsync(l => l.Kind == EcrLineKind.Ready, 0, timeout.Token);

        var lines = client.Lines;
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Kind), Is.EqualTo(new[]
            {
                EcrLineKind.Malformed, EcrLineKind.Malformed, EcrLineKind.Malformed, EcrLineKind.Malformed, EcrLineKind.Ready,
            }));
            Assert.That(lines[0].Error, Does.Contain("unknown keyword 'GARBAGE'"));
            Assert.That(lines[1].Error, Does.Contain("SENT {mti} STAN {stan}"));
            Assert.That(lines[2].Error, Does.Contain("non-ASCII"));
            Assert.That(lines[3].Error, Does.Contain("longer than"));
            Assert.That(lines.Select(l => l.Timestamp), Is.Ordered);
        });
    }

    [Test]
    public async Task SaleAsync_sends_the_command_and_summarises_the_terminals_lines()
    {
        using var cable = await SerialCable.CreateAsync();
        await using var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var sale = client.SaleAsync(2_500, timeout.Token);
        var command = await new AsciiLineReader(cable.TerminalEnd).ReadLineAsync(timeout.Token);
        await WriteAsync(cable.TerminalEnd,
            "ACK SALE 2500\r\nPROMPT CARD\r\nCARD READ 622202*********0018\r\nCONNECTING\r\nCONNECTED\r\n" +
            "REVERSAL SENT 000007 98\r\nREVERSAL ACKED 000007\r\nSENT 0200 STAN 000009\r\nRECEIVED 0210 STAN 000009 CODE 00\r\n" +
            "RESULT APPROVED 123456789012 AB12CD\r\n");
        var result = await sale;

        Assert.Multiple(() =>
        {
            Assert.That(command!.Text, Is.EqualTo("SALE 2500"));
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(result.Stan, Is.EqualTo("000009"));
            Assert.That(result.RetrievalReferenceNumber, Is.EqualTo("123456789012"));
            Assert.That(result.AuthorizationCode, Is.EqualTo("AB12CD"));
            Assert.That(result.ReversalsSent, Is.EqualTo(new[] { "000007" }));
            Assert.That(result.Lines, Has.Count.EqualTo(10));
            Assert.That(result.RequestSentTimestamp, Is.LessThanOrEqualTo(result.ResultTimestamp));
        });
    }

    [Test]
    public async Task A_malformed_result_line_raises_a_protocol_error()
    {
        using var cable = await SerialCable.CreateAsync();
        await using var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var sale = client.SaleAsync(100, timeout.Token);
        await new AsciiLineReader(cable.TerminalEnd).ReadLineAsync(timeout.Token);
        await WriteAsync(cable.TerminalEnd, "RESULT APPROVED\r\n");

        var error = Assert.ThrowsAsync<EcrProtocolException>(async () => await sale);
        Assert.That(error!.Message, Does.Contain("RESULT APPROVED {word} {word}"));
    }

    [Test]
    public async Task Waits_fail_when_the_port_closes()
    {
        using var cable = await SerialCable.CreateAsync();
        await using var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var wait = client.WaitForAsync(EcrLineKind.Ready, timeout.Token);
        cable.TerminalEnd.Dispose();

        Assert.ThrowsAsync<EcrProtocolException>(async () => await wait);
    }

    [Test]
    public async Task Any_port_failure_closes_the_client_and_fails_pending_waits_with_the_cause(
        [Values("closed", "unplugged", "cancelled by the port")] string failure)
    {
        Exception cause = failure switch
        {
            "closed" => new InvalidOperationException("The port is closed."),
            "unplugged" => new UnauthorizedAccessException("Access to the port is denied."),
            _ => new OperationCanceledException("the port cancelled its own read"),
        };
        using var port = new FailingPort();
        await using var client = new EcrClient(port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var wait = client.WaitForAsync(EcrLineKind.Ready, timeout.Token);

        port.Fail(cause);

        var error = Assert.ThrowsAsync<EcrProtocolException>(async () => await wait);
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("the ECR port failed").And.Contain(cause.GetType().Name));
            Assert.That(error.InnerException, Is.SameAs(cause));
            Assert.That(client.IsClosed, Is.True);
            Assert.That(async () => await client.WaitForAsync(EcrLineKind.Ready, timeout.Token), Throws.InstanceOf<EcrProtocolException>(),
                "a wait that starts after the failure fails at once");
        });
    }

    [Test]
    public async Task Disposing_fails_pending_waits_and_can_be_repeated()
    {
        using var cable = await SerialCable.CreateAsync();
        var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var wait = client.WaitForAsync(EcrLineKind.Ready, timeout.Token);

        await Task.WhenAll(client.DisposeAsync().AsTask(), client.DisposeAsync().AsTask());
        await client.DisposeAsync();

        var error = Assert.ThrowsAsync<EcrProtocolException>(async () => await wait);
        Assert.That(error!.Message, Does.Contain("disposed"));
        Assert.That(client.IsClosed, Is.True);
    }

    [Test]
    public async Task A_failing_predicate_fails_its_own_wait_and_reading_goes_on()
    {
        using var cable = await SerialCable.CreateAsync();
        await using var client = new EcrClient(cable.ControllerEnd);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var broken = client.WaitForAsync(_ => throw new FormatException("bad predicate"), timeout.Token);
        var ready = client.WaitForAsync(EcrLineKind.Ready, timeout.Token);

        await WriteAsync(cable.TerminalEnd, "BOOTING\r\nREADY\r\n");

        Assert.That(async () => await broken, Throws.InstanceOf<FormatException>());
        Assert.That((await ready).Kind, Is.EqualTo(EcrLineKind.Ready));
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public async Task Card_numbers_never_reach_the_log()
    {
        using var cable = await SerialCable.CreateAsync();
        var logger = new RecordingLogger();
        await using var client = new EcrClient(cable.ControllerEnd, logger);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // A dialect that prints the full card number, once well-formed and once not.
        await WriteAsync(cable.TerminalEnd, "CARD READ 6222020000000000018\r\n6222020000000000018 SWIPED\r\nREADY\r\n");
        await client.WaitForAsync(line => line.Kind == EcrLineKind.Ready, 0, timeout.Token);

        Assert.Multiple(() =>
        {
            Assert.That(logger.Messages, Has.Some.Contains("622202*********0018"));
            Assert.That(logger.Messages, Has.None.Contains("6222020000000000018"));
            Assert.That(client.Lines[0].Text, Is.EqualTo("CARD READ 6222020000000000018"), "the lines themselves are kept as received");
        });
    }

    [TestCase("RESULT DECLINED 51", EcrLineKind.Result, EcrSaleOutcome.Declined)]
    [TestCase("RESULT NO CARD", EcrLineKind.Result, EcrSaleOutcome.NoCard)]
    [TestCase("RESULT COMM ERROR", EcrLineKind.Result, EcrSaleOutcome.CommunicationError)]
    [TestCase("CARD READ ERROR", EcrLineKind.CardReadError, null)]
    [TestCase("CARD READ", EcrLineKind.CardRead, null)]
    [TestCase("NO CARRIER", EcrLineKind.NoCarrier, null)]
    [TestCase("SIGN ON FAILED TIMEOUT", EcrLineKind.SignOnFailed, null)]
    public void Parser_recognises_protocol_lines(string text, EcrLineKind kind, EcrSaleOutcome? outcome)
    {
        var line = EcrLineParser.Parse(text, 0);

        Assert.That(line.Kind, Is.EqualTo(kind));
        Assert.That(line.Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Protocol_formatting_and_parsing_agree()
    {
        var line = EcrLineParser.Parse(EcrProtocol.ResultApproved("  ", "AB 12"), 0);

        Assert.That(line.Text, Is.EqualTo("RESULT APPROVED - AB_12"));
        Assert.That(line.Kind, Is.EqualTo(EcrLineKind.Result));
    }
}
