using System.Diagnostics;

namespace Bench.Results;

/// <summary>
/// The bench's one timeline: <see cref="Stopwatch"/> ticks expressed in nanoseconds. Monotonic,
/// unaffected by wall-clock changes, comparable across every component of one process.
/// </summary>
public static class MonotonicTime
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Now, in nanoseconds on the monotonic timeline.</summary>
    public static long NowNanoseconds() => ToNanoseconds(Stopwatch.GetTimestamp());

    /// <summary>Converts Stopwatch ticks without overflow (ticks × 10⁹ overflows a long after hours at 10 MHz).</summary>
    public static long ToNanoseconds(long stopwatchTicks)
    {
        var frequency = Stopwatch.Frequency;
        if (frequency == NanosecondsPerSecond) return stopwatchTicks;
        var seconds = Math.DivRem(stopwatchTicks, frequency, out var remainder);
        return seconds * NanosecondsPerSecond + remainder * NanosecondsPerSecond / frequency;
    }
}
