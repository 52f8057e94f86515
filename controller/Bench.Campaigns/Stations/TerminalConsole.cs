using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Results;

namespace Bench.Campaigns.Stations;

/// <summary>
/// The terminal's debug console as the station hears it, line by line from power-on: on a real rig a
/// <see cref="ConsoleCapture"/> reading its debug UART, on the simulated rig the simulated terminal's console.
/// Each line goes on the timeline (card numbers masked), stamped when it arrived, and to whoever listens
/// (a trial's console rules).
/// </summary>
public sealed class TerminalConsole(StationTimeline timeline)
{
    /// <summary>Raised for every line, in order, in the thread that read it. Keep handlers short.</summary>
    public event Action<TimestampedLine>? LineCaptured;

    /// <summary>A line arrived; <see cref="TimestampedLine.Timestamp"/> is Stopwatch ticks.</summary>
    public void Publish(TimestampedLine line)
    {
        timeline.Record(MonotonicTime.ToNanoseconds(line.Timestamp), "terminal", StationEventKinds.TerminalConsole, PanMask.MaskText(line.Text));
        LineCaptured?.Invoke(line);
    }
}
