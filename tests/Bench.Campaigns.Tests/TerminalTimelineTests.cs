using Bench.Cli.Benchmarks;
using Bench.SimulatedTerminal;

namespace Bench.Campaigns.Tests;

public sealed class TerminalTimelineTests
{
    private static readonly DateTimeOffset Boot = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Reads_the_sales_request_reply_and_result_on_the_terminals_clock()
    {
        var console = Lines(
            (0.0, "TX 0400 3=000000 11=000004"),
            (0.1, "TX 0200 3=000000 4=000000000100 11=000005 41=20000002"),
            (0.2, "RX 0210 11=000004 39=00"),
            (12.5, "RX 0210 3=000000 11=000005 39=00"),
            (12.6, "RESULT Approved STAN 000005 CODE 00"));

        var timeline = TerminalTimeline.Find(console, "000005");

        Assert.That(timeline.RequestToReplySeconds, Is.EqualTo(12.4).Within(1e-6));
        Assert.That(timeline.RequestToResultSeconds, Is.EqualTo(12.5).Within(1e-6));
    }

    [Test]
    public void A_timed_out_sale_has_a_result_but_no_reply()
    {
        var console = Lines(
            (1, "TX 0200 3=000000 11=000006"),
            (31, "NO 0210 STAN 000006 WITHIN 00:00:30"),
            (31, "RESULT Timeout STAN 000006 CODE -"));

        var timeline = TerminalTimeline.Find(console, "000006");

        Assert.That(timeline.RequestToReplySeconds, Is.Null);
        Assert.That(timeline.RequestToResultSeconds, Is.EqualTo(30).Within(1e-6));
        Assert.That(TerminalTimeline.Find(console, null).RequestSent, Is.Null);
    }

    private static ConsoleLine[] Lines(params (double Seconds, string Text)[] lines) =>
        [.. lines.Select(line => new ConsoleLine(Boot.AddSeconds(line.Seconds), 0, line.Text))];
}
