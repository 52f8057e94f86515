using System.Text;
using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Hardware.Ecr;
using Bench.Hardware.Simulation;

namespace Bench.Campaigns.Tests;

/// <summary>A terminal's debug UART read through System.IO.Ports (here a pty), line by line, and the profile's console rules.</summary>
[Platform("Linux")]
public sealed class ConsoleCaptureTests
{
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Console_lines_from_a_serial_port_are_captured_one_at_a_time_and_a_rule_names_their_event()
    {
        using var pty = new PseudoTerminalPair();
        var console = new TerminalConsole(new StationTimeline(null));
        var captured = new List<TimestampedLine>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        console.LineCaptured += line =>
        {
            lock (captured)
            {
                captured.Add(line);
                if (captured.Count == 3) third.TrySetResult();
            }
        };
        await using var capture = ConsoleCapture.Open(pty.SlavePath, 115_200, console);
        var rules = new ConsoleEventRules(new ConsoleRuleSet(
        [
            new ConsoleRule(@"^MODEM \w+ (CONNECT|TCP)", "modemConnected"),
            new ConsoleRule(@"^CARD \d{6}", "cardSwiped"),
        ]));

        // Split across writes: a line is only taken whole, at its line feed.
        await pty.MasterStream.WriteAsync(Encoding.ASCII.GetBytes("BOOT TEST\r\nMODEM ethernet T"));
        await pty.MasterStream.WriteAsync(Encoding.ASCII.GetBytes("CP 127.0.0.1:5000\r\nCARD 622202******0018\n"));
        await third.Task.WaitAsync(IoTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(captured.Select(line => line.Text), Is.EqualTo(new[] { "BOOT TEST", "MODEM ethernet TCP 127.0.0.1:5000", "CARD 622202******0018" }));
            Assert.That(captured.Select(line => line.Timestamp), Is.Ordered);
            Assert.That(captured.Select(line => rules.EventFor(line.Text)), Is.EqualTo(new[] { null, "modemConnected", "cardSwiped" }));
        });
    }
}
