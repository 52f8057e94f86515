using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Host.Tests;

/// <summary>
/// A fake clock that also says when someone starts or re-arms a timer on it, so a test can advance
/// time only once the host is waiting, instead of sleeping and hoping.
/// </summary>
internal sealed class SignallingTimeProvider : TimeProvider
{
    private readonly SemaphoreSlim timersCreated = new(0);
    private readonly Channel<TimeSpan> armings = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;
    public override long TimestampFrequency => Fake.TimestampFrequency;
    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SignallingTimer(Fake.CreateTimer(callback, state, dueTime, period), Armed);
        Armed(dueTime);
        timersCreated.Release();
        return timer;
    }

    public async Task WhenTimerCreatedAsync()
    {
        if (!await timersCreated.WaitAsync(TestTerminal.Patience)) Assert.Fail("the host never started a timer");
    }

    /// <summary>
    /// Waits until a timer is created or re-armed to fire after <paramref name="dueTime"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: disarmed). Armings are consumed in order, so each
    /// call waits for a new one; those with other due times are skipped.
    /// </summary>
    public async Task WhenTimerArmedAsync(TimeSpan dueTime)
    {
        using var patience = new CancellationTokenSource(TestTerminal.Patience);
        try
        {
            while (await armings.Reader.ReadAsync(patience.Token) != dueTime)
            {
                // Another timer, or another state of this one: keep waiting.
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no timer was armed for {dueTime}");
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    private void Armed(TimeSpan dueTime) => armings.Writer.TryWrite(dueTime);
}
