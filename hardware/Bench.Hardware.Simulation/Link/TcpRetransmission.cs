using System.Collections.Immutable;

namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// TCP's retransmission back-off as a lossy link costs it (DESIGN.md §5): the first loss of a segment costs
/// 1 s before the retransmission, each further loss of the same segment doubles the wait, up to 32 s, and
/// every loss after the sixth costs 32 s again (the sender keeps trying; the application's timer decides
/// when to give up).
/// </summary>
public static class TcpRetransmission
{
    /// <summary>The wait after the first, second, … loss of one segment.</summary>
    public static ImmutableArray<TimeSpan> BackOff { get; } =
        [.. new[] { 1, 2, 4, 8, 16, 32 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    /// <summary>The wait after a segment was lost for the <paramref name="lossNumber"/>-th time (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lossNumber"/> is below 1.</exception>
    public static TimeSpan DelayAfterLoss(int lossNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lossNumber, 1);
        return BackOff[Math.Min(lossNumber, BackOff.Length) - 1];
    }

    /// <summary>The total wait caused by <paramref name="losses"/> consecutive losses of one segment.</summary>
    public static TimeSpan TotalDelay(int losses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(losses);
        TimeSpan total = TimeSpan.Zero;
        for (int loss = 1; loss <= losses; loss++)
        {
            total += DelayAfterLoss(loss);
        }

        return total;
    }
}
