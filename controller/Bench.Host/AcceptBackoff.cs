namespace Bench.Host;

/// <summary>
/// How long the accept loop pauses after failed accepts: 10 ms after the first, doubling up to
/// 1 s, and no pause again after a success. A peer that reset before it was accepted costs the
/// first step only; a persistent failure (out of file descriptors) would otherwise spin a core
/// and flood the log while the host cannot take connections anyway.
/// </summary>
internal sealed class AcceptBackoff
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>At the longest pause, one warning in this many failures is enough to say it goes on.</summary>
    private const int FailuresPerWarning = 60;

    public int ConsecutiveFailures { get; private set; }

    /// <summary>True when the failure just counted deserves a warning: the first of a run, then one a minute or so.</summary>
    public bool ShouldWarn => ConsecutiveFailures == 1 || ConsecutiveFailures % FailuresPerWarning == 0;

    /// <summary>Counts a failed accept and says how long to pause before the next.</summary>
    public TimeSpan Failed()
    {
        ConsecutiveFailures++;
        var pause = FirstPause;
        for (var step = 1; step < ConsecutiveFailures && pause < LongestPause; step++) pause *= 2;
        return pause < LongestPause ? pause : LongestPause;
    }

    public void Succeeded() => ConsecutiveFailures = 0;
}
