using Bench.Campaigns.Stations;
using Bench.Hardware;
using Bench.Hardware.Simulation.I2c;
using Bench.Results;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Campaigns.Tests;

/// <summary>
/// What a trial's supply trace keeps on the timeline: the first sample, every change past the thresholds, a
/// heartbeat through flat stretches, the last sample, and every read-back; stamped where the chip was read.
/// </summary>
public sealed class SupplyCurrentTraceTests
{
    private static readonly TimeSpan Interval = new SupplyCurrentDefinition { Device = "supply" }.SampleInterval;

    [Test]
    public async Task A_trial_keeps_its_first_sample_each_change_a_heartbeat_and_its_last_sample()
    {
        using var folder = new TemporaryDirectory();
        var clock = new FakeTimeProvider();
        double milliamperes = 150;
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => milliamperes / 1000, BusVolts = () => 12 };
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("trace");
        await using (var recorder = new FrameRecorder(store, runId))
        {
            using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply" }, clock);
            using var trace = new SupplyCurrentTrace(monitor, new StationTimeline(recorder), clock, timeScale: 1);
            monitor.Read();
            using (trace.Begin())
            {
                Advance(clock, 3);                          // 150 at 50 ms kept, 100 and 150 ms dropped
                milliamperes = 152;
                Advance(clock, 2);                          // under 5 mA from the last kept: dropped
                milliamperes = 500;
                Advance(clock, 2);                          // 300 ms kept, 350 ms dropped
                milliamperes = 150;
                Advance(clock, 24);                         // 400 ms kept; 1.4 s kept as the heartbeat
                milliamperes = 0;
                monitor.Read();                             // a read-back at 1.55 s, counted as kept
                Advance(clock, 2);                          // 1.6 and 1.65 s the same: dropped, the last kept at the end
            }

            Advance(clock, 10);
        }

        var kept = store.ReadEvents(runId, StationEventKinds.SupplyCurrent);
        var origin = kept[0].TimestampNanoseconds;
        Assert.That(kept.Select(stored => (Math.Round((stored.TimestampNanoseconds - origin) / 1e6), stored.Detail)), Is.EqualTo(new (double, string)[]
        {
            (0, "150.0 mA 12.00 V, read-back"),
            (50, "150.0 mA 12.00 V"),
            (300, "500.0 mA 12.00 V"),
            (400, "150.0 mA 12.00 V"),
            (1400, "150.0 mA 12.00 V"),
            (1550, "0.0 mA 12.00 V, read-back"),
            (1650, "0.0 mA 12.00 V"),
        }));
        Assert.That(kept.Select(stored => stored.Source), Has.All.EqualTo("rig"));
    }

    [Test]
    public async Task Samples_are_placed_on_the_bench_clock_through_the_time_scale_and_read_backs_are_recorded_outside_trials()
    {
        using var folder = new TemporaryDirectory();
        var clock = new FakeTimeProvider();
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => 0.15, BusVolts = () => 12 };
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("trace");
        await using (var recorder = new FrameRecorder(store, runId))
        {
            using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply" }, clock);
            using var trace = new SupplyCurrentTrace(monitor, new StationTimeline(recorder), clock, timeScale: 20);
            monitor.Read();
            clock.Advance(TimeSpan.FromSeconds(10));
            monitor.Read();
            var trial = trace.Begin();
            Assert.That(() => trace.Begin(), Throws.InvalidOperationException, "one trial at a time");
            trial.Dispose();
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var kept = store.ReadEvents(runId, StationEventKinds.SupplyCurrent);
        Assert.That(kept, Has.Count.EqualTo(2), "no trial ran long enough to sample");
        Assert.That((kept[1].TimestampNanoseconds - kept[0].TimestampNanoseconds) / 1e9, Is.EqualTo(0.5).Within(1e-6), "10 s of terminal time at 20x");
    }

    private static void Advance(FakeTimeProvider clock, int intervals)
    {
        for (var i = 0; i < intervals; i++) clock.Advance(Interval);
    }
}
