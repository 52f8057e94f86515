namespace Bench.Hardware.Simulation;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than an inner clock (the system clock by default), so
/// that a simulated 60 s terminal timeout takes 3 s at 20×. Timestamps and wall-clock time advance Scale
/// times faster from the moment of construction; timers fire after their due time and period divided by
/// Scale. The simulated terminal, the host and the rig must share one instance to agree on time.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    // A positive period that rounds down to zero would turn a periodic timer into a one-shot.
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromMilliseconds(1);

    // A positive due time that rounds down to zero would fire at once.
    private static readonly TimeSpan ShortestDueTime = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider inner;
    private readonly long startTimestamp;
    private readonly DateTimeOffset startUtc;

    /// <summary>Creates a clock running <paramref name="scale"/> times faster than <paramref name="inner"/>.</summary>
    /// <param name="scale">Speed-up; 1 runs at the inner clock's pace. Must be positive and finite.</param>
    /// <param name="inner">The clock to speed up; <see cref="TimeProvider.System"/> when null.</param>
    public ScaledTimeProvider(double scale, TimeProvider? inner = null)
    {
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the time scale must be positive and finite");
        }

        Scale = scale;
        this.inner = inner ?? System;
        startTimestamp = this.inner.GetTimestamp();
        startUtc = this.inner.GetUtcNow();
    }

    /// <summary>How many times faster than the inner clock this clock runs.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc/>
    public override long GetTimestamp() =>
        startTimestamp + (long)((inner.GetTimestamp() - startTimestamp) * Scale);

    /// <inheritdoc/>
    /// <remarks>Derived from the inner clock's timestamps, so it is monotonic and agrees with <see cref="GetTimestamp"/>.</remarks>
    public override DateTimeOffset GetUtcNow() =>
        startUtc + TimeSpan.FromTicks((long)(inner.GetElapsedTime(startTimestamp).Ticks * Scale));

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(this, inner.CreateTimer(callback, state, ToInnerDueTime(dueTime), ToInnerPeriod(period)));
    }

    /// <summary>
    /// The inner-clock duration of a due time in this clock, at least 1 ms: system timers count whole
    /// milliseconds and truncate, so a 150 ms dwell at 200× (0.75 ms) would otherwise fire at once.
    /// </summary>
    public TimeSpan ToInnerDueTime(TimeSpan dueTime)
    {
        if (dueTime <= TimeSpan.Zero)
        {
            return dueTime;
        }

        TimeSpan scaled = TimeSpan.FromTicks((long)(dueTime.Ticks / Scale));
        return scaled < ShortestDueTime ? ShortestDueTime : scaled;
    }

    /// <summary>The inner-clock duration of a timer period in this clock (at least 1 ms, so a periodic timer stays periodic).</summary>
    public TimeSpan ToInnerPeriod(TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            return period;
        }

        TimeSpan scaled = TimeSpan.FromTicks((long)(period.Ticks / Scale));
        return scaled < ShortestPeriod ? ShortestPeriod : scaled;
    }

    private sealed class ScaledTimer(ScaledTimeProvider clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) =>
            inner.Change(clock.ToInnerDueTime(dueTime), clock.ToInnerPeriod(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
