using Microsoft.Extensions.Time.Testing;

namespace Bench.Host.Tests;

/// <summary>
/// A fake clock that also says when someone starts a timer on it, so a test can advance time
/// only once the host is waiting, instead of sleeping and hoping.
/// </summary>
internal sealed class SignallingTimeProvider : TimeProvider
{
    private readonly SemaphoreSlim timersCreated = new(0);

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;
    public override long TimestampFrequency => Fake.TimestampFrequency;
    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        timersCreated.Release();
        return timer;
    }

    public async Task WhenTimerCreatedAsync()
    {
        if (!await timersCreated.WaitAsync(TestTerminal.Patience)) Assert.Fail("the host never started a timer");
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
