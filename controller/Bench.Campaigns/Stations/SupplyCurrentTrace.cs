using System.Globalization;
using Bench.Hardware;
using Bench.Results;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Puts the terminal's supply current, as the rig's INA219 reads it, on the station's timeline
/// (<see cref="StationEventKinds.SupplyCurrent"/>): while a trial runs (<see cref="Begin"/> until the handle is
/// disposed) the monitor samples at its <see cref="SupplyCurrentDefinition.SampleInterval"/> on the station's
/// clock, and every read-back of the power relay is recorded whenever it happens. Together they show the
/// modem's transmit bursts, and the terminal off after a power cut and on again after the restore.
/// </summary>
/// <remarks>
/// A trial samples every 50 ms by default, mostly an unchanging idle current, so not every sample is kept: the
/// first of the trial, each that differs from the last one kept by at least <see cref="ChangeMilliamperes"/> or
/// <see cref="ChangeVolts"/>, one at least every <see cref="Heartbeat"/> of terminal time, and the last of the
/// trial. A step drawn through the kept samples is then the supply to within one sample interval and the change
/// thresholds. Each sample is stamped when the chip was read: the monitor's timestamp on the station's clock,
/// placed on the bench's monotonic timeline through the clock's time scale.
/// </remarks>
public sealed class SupplyCurrentTrace : IDisposable
{
    /// <summary>A change in current at least this large is always recorded (a modem burst is hundreds of mA; noise is a few).</summary>
    public const double ChangeMilliamperes = 5;

    /// <summary>A change in supply voltage at least this large is always recorded.</summary>
    public const double ChangeVolts = 0.1;

    /// <summary>An unchanging supply is recorded at least this often (terminal time), so a flat stretch is seen as sampled.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    /// <summary>The timeline source of the samples: the rig's sensor.</summary>
    public const string Source = "rig";

    /// <summary>The detail's suffix on a read-back the bench took itself (after switching the terminal's power).</summary>
    public const string ReadBackSuffix = ", read-back";

    private readonly SupplyCurrentMonitor monitor;
    private readonly StationTimeline timeline;
    private readonly long clockFrequency;
    private readonly double timeScale;
    private readonly long clockOrigin;
    private readonly long timelineOrigin;
    private readonly Lock gate = new();
    private Tracing? tracing;
    private bool disposed;

    /// <summary>Starts recording the monitor's read-backs; samples come only while a trial is traced.</summary>
    /// <param name="monitor">The rig's INA219 on the terminal's supply; its timer and timestamps run on <paramref name="clock"/>.</param>
    /// <param name="timeline">Where the samples go.</param>
    /// <param name="clock">The monitor's clock (the station's terminal clock).</param>
    /// <param name="timeScale">How many times faster than the wall clock <paramref name="clock"/> runs (1 on a real rig).</param>
    public SupplyCurrentTrace(SupplyCurrentMonitor monitor, StationTimeline timeline, TimeProvider clock, double timeScale)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(clock);
        if (!double.IsFinite(timeScale) || timeScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "the time scale must be positive and finite");
        }

        this.monitor = monitor;
        this.timeline = timeline;
        this.timeScale = timeScale;
        clockFrequency = clock.TimestampFrequency;
        // One pair of readings ties the two clocks together; the station's clock runs timeScale times faster.
        clockOrigin = clock.GetTimestamp();
        timelineOrigin = MonotonicTime.NowNanoseconds();
        monitor.Sampled += OnSampled;
        monitor.Measured += OnMeasured;
    }

    /// <summary>Samples the supply onto the timeline until the returned handle is disposed (the trial's end).</summary>
    /// <exception cref="InvalidOperationException">A trial is traced already.</exception>
    public IDisposable Begin()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (tracing is not null)
            {
                throw new InvalidOperationException("the supply current is traced for a trial already");
            }

            tracing = new Tracing(this);
            // Under the gate, so a trial's end cannot slip in between and leave the timer running.
            monitor.StartSampling();
            return tracing;
        }
    }

    /// <summary>Stops sampling and recording.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            tracing = null;
            monitor.StopSampling();
        }

        monitor.Sampled -= OnSampled;
        monitor.Measured -= OnMeasured;
    }

    /// <summary>The detail of a sample on the timeline, e.g. <c>152.3 mA 12.00 V</c> (with <see cref="ReadBackSuffix"/> for a read-back).</summary>
    public static string Detail(SupplyCurrentSample sample, bool readBack) =>
        string.Create(CultureInfo.InvariantCulture, $"{sample.Milliamperes:0.0} mA {sample.BusVolts:0.00} V") + (readBack ? ReadBackSuffix : "");

    private long TimelineNanoseconds(long clockTimestamp) =>
        timelineOrigin + (long)((clockTimestamp - clockOrigin) * (1e9 / clockFrequency) / timeScale);

    private void OnMeasured(object? sender, SupplyCurrentSample sample)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            timeline.Record(TimelineNanoseconds(sample.Timestamp), Source, StationEventKinds.SupplyCurrent, Detail(sample, readBack: true));
            tracing?.Recorded(sample);
        }
    }

    private void OnSampled(object? sender, SupplyCurrentSample sample)
    {
        lock (gate)
        {
            tracing?.Offer(sample);
        }
    }

    private void Record(SupplyCurrentSample sample) =>
        timeline.Record(TimelineNanoseconds(sample.Timestamp), Source, StationEventKinds.SupplyCurrent, Detail(sample, readBack: false));

    /// <summary>One trial's sampling: what was last kept and what was last seen.</summary>
    private sealed class Tracing(SupplyCurrentTrace trace) : IDisposable
    {
        private SupplyCurrentSample? kept;
        private SupplyCurrentSample? latest;

        // Under the trace's gate.
        public void Offer(SupplyCurrentSample sample)
        {
            latest = sample;
            if (kept is { } last && !Differs(last, sample)
                && TimeSpan.FromSeconds((double)(sample.Timestamp - last.Timestamp) / trace.clockFrequency) < Heartbeat)
            {
                return;
            }

            trace.Record(sample);
            kept = sample;
        }

        // Under the trace's gate: a read-back on the timeline counts as kept.
        public void Recorded(SupplyCurrentSample sample)
        {
            latest = sample;
            kept = sample;
        }

        public void Dispose()
        {
            lock (trace.gate)
            {
                if (!ReferenceEquals(trace.tracing, this))
                {
                    return;
                }

                trace.tracing = null;
                // The trace reaches the trial's end: the last sample, unless it was kept already.
                if (latest is { } last && !ReferenceEquals(last, kept))
                {
                    trace.Record(last);
                }

                trace.monitor.StopSampling();
            }
        }

        private static bool Differs(SupplyCurrentSample first, SupplyCurrentSample second) =>
            Math.Abs(first.Milliamperes - second.Milliamperes) >= ChangeMilliamperes || Math.Abs(first.BusVolts - second.BusVolts) >= ChangeVolts;
    }
}
