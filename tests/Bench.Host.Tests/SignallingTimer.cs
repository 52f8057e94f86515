namespace Bench.Host.Tests;

/// <summary>A fake clock's timer that reports every re-arming, for <see cref="SignallingTimeProvider"/>.</summary>
internal sealed class SignallingTimer(ITimer inner, Action<TimeSpan> armed) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        var changed = inner.Change(dueTime, period);
        armed(dueTime);
        return changed;
    }

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
