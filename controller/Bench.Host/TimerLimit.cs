namespace Bench.Host;

/// <summary>The longest wait .NET timers can hold (uint.MaxValue − 1 ms, about 49.7 days); longer ones throw when armed.</summary>
internal static class TimerLimit
{
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
}
