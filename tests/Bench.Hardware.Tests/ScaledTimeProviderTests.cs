using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class ScaledTimeProviderTests
{
    private FakeTimeProvider inner = null!;
    private ScaledTimeProvider scaled = null!;

    [SetUp]
    public void SetUp()
    {
        inner = new FakeTimeProvider();
        scaled = new ScaledTimeProvider(20, inner);
    }

    [Test]
    public void Timestamps_advance_scale_times_faster()
    {
        long start = scaled.GetTimestamp();

        inner.Advance(TimeSpan.FromSeconds(3));

        Assert.That(scaled.GetElapsedTime(start), Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(scaled.TimestampFrequency, Is.EqualTo(inner.TimestampFrequency));
    }

    [Test]
    public void Wall_clock_time_advances_scale_times_faster_from_the_start()
    {
        DateTimeOffset start = scaled.GetUtcNow();
        Assert.That(start, Is.EqualTo(inner.GetUtcNow()));

        inner.Advance(TimeSpan.FromSeconds(3));

        Assert.That(scaled.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task A_60_second_delay_takes_3_seconds_of_the_inner_clock_at_20x()
    {
        Task delay = Task.Delay(TimeSpan.FromSeconds(60), scaled);

        inner.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.That(delay.IsCompleted, Is.False);

        inner.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TestRigs.Bound);
    }

    [Test]
    public void A_periodic_timer_fires_at_the_scaled_period()
    {
        int ticks = 0;
        using ITimer timer = scaled.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

        inner.Advance(TimeSpan.FromSeconds(1));
        Assert.That(ticks, Is.EqualTo(1));
        inner.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(ticks, Is.EqualTo(2));
    }

    [Test]
    public void Changing_a_timer_scales_the_new_times_and_keeps_infinite_infinite()
    {
        int ticks = 0;
        using ITimer timer = scaled.CreateTimer(_ => ticks++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        inner.Advance(TimeSpan.FromDays(1));
        Assert.That(ticks, Is.Zero);

        timer.Change(TimeSpan.FromSeconds(40), Timeout.InfiniteTimeSpan);
        inner.Advance(TimeSpan.FromSeconds(1.9));
        Assert.That(ticks, Is.Zero);
        inner.Advance(TimeSpan.FromSeconds(0.1));
        Assert.That(ticks, Is.EqualTo(1));
    }

    [Test]
    public void A_cancellation_timeout_runs_on_the_scaled_clock()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30), scaled);

        inner.Advance(TimeSpan.FromSeconds(1.4));
        Assert.That(cancellation.IsCancellationRequested, Is.False);
        inner.Advance(TimeSpan.FromSeconds(0.1));
        Assert.That(cancellation.IsCancellationRequested, Is.True);
    }

    [Test]
    public void A_short_period_stays_periodic_after_scaling()
    {
        var fast = new ScaledTimeProvider(1000, inner);

        Assert.That(fast.ToInnerPeriod(TimeSpan.FromTicks(10)), Is.GreaterThan(TimeSpan.Zero));
        Assert.That(fast.ToInnerPeriod(TimeSpan.Zero), Is.EqualTo(TimeSpan.Zero));
        Assert.That(fast.ToInnerDueTime(TimeSpan.FromSeconds(1)), Is.EqualTo(TimeSpan.FromMilliseconds(1)));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    public void Scales_that_are_not_positive_and_finite_are_refused(double scale)
    {
        Assert.That(() => new ScaledTimeProvider(scale), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_scale_of_one_follows_the_inner_clock()
    {
        var same = new ScaledTimeProvider(1, inner);
        long start = same.GetTimestamp();

        inner.Advance(TimeSpan.FromSeconds(5));

        Assert.That(same.GetElapsedTime(start), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_due_time_shorter_than_a_millisecond_of_inner_time_still_waits_a_millisecond()
    {
        var fast = new ScaledTimeProvider(200);

        // 150 ms at 200x is 0.75 ms; a system timer would truncate that to "now".
        Assert.That(fast.ToInnerDueTime(TimeSpan.FromMilliseconds(150)), Is.EqualTo(TimeSpan.FromMilliseconds(1)));
        Assert.That(fast.ToInnerDueTime(TimeSpan.FromSeconds(30)), Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(fast.ToInnerDueTime(TimeSpan.FromMilliseconds(201)), Is.EqualTo(TimeSpan.FromTicks(10_050)), "201 ms / 200 = 1.005 ms");
    }
}
