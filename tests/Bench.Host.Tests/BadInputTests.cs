using System.Text.Json;
using Bench.Codec;
using Bench.Results;

namespace Bench.Host.Tests;

/// <summary>
/// Each kind of bad input closes only its own connection, with a recorded protocol error naming
/// element and byte offset, while a well-behaved terminal on the same host keeps being served.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    /// <summary>Body offsets of a sale: TPDU 5 + header 6 + MTI 2 + bitmap 8 = 21; field 2 (1 + 10) ends at 32; field 3 (3) at 35.</summary>
    private const int AmountOffset = 35;

    /// <summary>The deadlines' resolution: a timer armed for T fires at T, not at T − 1 ms.</summary>
    internal static readonly TimeSpan Epsilon = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a connection that should stay open is watched; a host closing it would do so within milliseconds.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    public static IEnumerable<TestCaseData> BadInputs()
    {
        var sale = IsoCodec.Cup.EncodeFrame(TestMessages.Sale(1));

        yield return new TestCaseData(Frame(Enumerable.Repeat((byte)0xEE, 30).ToArray()), false, "MTI", 11).SetName("Garbage bytes");
        yield return new TestCaseData(sale[..40], true, "body", 38).SetName("Truncated frame");
        yield return new TestCaseData(new byte[] { 0xFF, 0xFF, 1, 2, 3 }, false, "length", 0).SetName("Length over the maximum");
        yield return new TestCaseData(new byte[] { 0x00, 0x00 }, false, "length", 0).SetName("Zero length");
        yield return new TestCaseData(IsoCodec.Cup.EncodeFrame(TestMessages.Sale(1).WithMti("0999")), false, "MTI", 11).SetName("Unknown MTI");
        var badDigit = (byte[])sale.Clone();
        badDigit[2 + AmountOffset] = 0x1A;
        yield return new TestCaseData(badDigit, false, "field 4", AmountOffset).SetName("Bad BCD digit");
        yield return new TestCaseData(IsoCodec.Cup.EncodeFrame(TestMessages.Sale(1).WithMti("0210")), false, "MTI", 11).SetName("Response sent to the host");
        yield return new TestCaseData(IsoCodec.Cup.EncodeFrame(TestMessages.Sale(1).Without(41)), false, "field 41", 13).SetName("Required field absent");
        var signOn = IsoCodec.Cup.Encode(TestMessages.SignOn(1));
        yield return new TestCaseData(Frame([.. signOn, 0x00]), false, "body", signOn.Length).SetName("Bytes after the last field");
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task Bad_input_is_a_protocol_error_of_that_connection_only(byte[] bytes, bool finishSending, string element, int offset)
    {
        await using var fixture = HostFixture.Start();
        await using var good = await fixture.ConnectAsync();
        await AssertServedAsync(good, 1);

        await using (var bad = await fixture.ConnectAsync())
        {
            await bad.SendRawAsync(bytes);
            if (finishSending) bad.FinishSending();
            Assert.That(await bad.IsClosedByHostAsync(), Is.True, "the host closes the offending connection");
        }

        await AssertServedAsync(good, 2);
        await fixture.WhenConnectionsClosedAsync(stillOpen: 1);
        var error = (await fixture.ProtocolErrorsAsync()).Single();
        var detail = JsonDocument.Parse(error.Detail).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(detail.GetProperty("element").GetString(), Is.EqualTo(element));
            Assert.That(detail.GetProperty("offset").GetInt32(), Is.EqualTo(offset));
            Assert.That(detail.GetProperty("reason").GetString(), Is.Not.Empty);
            Assert.That(error.ConnectionId, Is.EqualTo("c2"), "the bad connection, not the good one");
            Assert.That(fixture.Store.ReadEvents(kind: EventKinds.HostError), Is.Empty);
        });
    }

    [Test]
    public void The_bad_BCD_case_really_corrupts_the_amount()
    {
        var body = IsoCodec.Cup.Encode(TestMessages.Sale(1, amount: 12_345));
        Assert.That(body[AmountOffset..(AmountOffset + 6)], Is.EqualTo(new byte[] { 0, 0, 0, 0x01, 0x23, 0x45 }));
    }

    [Test]
    public async Task A_client_trickling_bytes_is_cut_off_at_the_frame_read_deadline_counted_from_its_first_byte()
    {
        var frameDeadline = TimeSpan.FromSeconds(30);
        var deadlineClock = new SignallingTimeProvider();
        var options = new HostOptions
        {
            DeadlineClock = deadlineClock,
            FrameReadDeadline = frameDeadline,
            IdleAllowance = TimeSpan.FromHours(1),
        };
        await using var fixture = HostFixture.Start(options: options);
        await using var good = await fixture.ConnectAsync();
        await AssertServedAsync(good, 1);
        // The good terminal's frame armed the deadline before its reply came back: consume that arming.
        await deadlineClock.WhenTimerArmedAsync(frameDeadline);
        await using var slow = await fixture.ConnectAsync();
        var sale = IsoCodec.Cup.EncodeFrame(TestMessages.Sale(2));

        // The length prefix and the body's first byte, then a byte "a minute later".
        await slow.SendRawAsync(sale[..3]);
        await deadlineClock.WhenTimerArmedAsync(frameDeadline);
        deadlineClock.Advance(frameDeadline - Epsilon);
        Assert.That(await slow.IsClosedByHostAsync(Settle), Is.False, "still open just before the deadline");

        // A further byte does not restart the deadline: it runs from the frame's first byte.
        await slow.SendRawAsync(sale[3..4]);
        deadlineClock.Advance(Epsilon);
        Assert.That(await slow.IsClosedByHostAsync(), Is.True, "cut off once the deadline passed");

        await AssertServedAsync(good, 2);
        await fixture.WhenConnectionsClosedAsync(stillOpen: 1);
        var detail = JsonDocument.Parse((await fixture.ProtocolErrorsAsync()).Single().Detail).RootElement;
        Assert.That(detail.GetProperty("element").GetString(), Is.EqualTo("body"));
        // 1 or 2 body bytes: whether the host read the last byte before the deadline is a race the test does not decide.
        Assert.That(detail.GetProperty("offset").GetInt32(), Is.InRange(1, 2));
        Assert.That(detail.GetProperty("reason").GetString(), Does.Contain("read deadline of 30 s"));
    }

    [Test]
    public async Task A_silent_connection_is_closed_at_the_idle_allowance_without_a_protocol_error()
    {
        var idleAllowance = TimeSpan.FromSeconds(60);
        var deadlineClock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(options: new HostOptions { DeadlineClock = deadlineClock, IdleAllowance = idleAllowance });
        await using var silent = await fixture.ConnectAsync();

        await deadlineClock.WhenTimerArmedAsync(idleAllowance);
        deadlineClock.Advance(idleAllowance - Epsilon);
        Assert.That(await silent.IsClosedByHostAsync(Settle), Is.False, "still open just before the allowance ran out");
        deadlineClock.Advance(Epsilon);
        Assert.That(await silent.IsClosedByHostAsync(), Is.True, "closed once it ran out");

        await fixture.WhenConnectionsClosedAsync();
        await fixture.Recorder.FlushAsync();
        Assert.That(fixture.Store.ReadEvents(kind: EventKinds.IdleTimeout), Has.Count.EqualTo(1));
        Assert.That(fixture.Store.ReadEvents(kind: EventKinds.ProtocolError), Is.Empty);
    }

    private static async Task AssertServedAsync(TestTerminal terminal, int stan)
    {
        await terminal.SendAsync(TestMessages.Sale(stan));
        var reply = await terminal.ReceiveAsync();
        Assert.That((reply.Stan, reply.ResponseCode), Is.EqualTo(((string?)TestMessages.Stan(stan), (string?)"00")));
    }

    private static byte[] Frame(byte[] body)
    {
        var frame = new byte[body.Length + 2];
        Framing.WritePrefix(frame, body.Length);
        body.CopyTo(frame, 2);
        return frame;
    }
}
