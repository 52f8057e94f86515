using Bench.Hardware.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.I2c;

/// <summary>Which of the monitor's events a reading raises: a caller's read (a read-back) or the sampling timer's.</summary>
public sealed class SupplyCurrentReadingsTests
{
    [Test]
    public void A_callers_read_is_measured_and_the_timers_readings_are_sampled_each_once()
    {
        var clock = new FakeTimeProvider();
        double amperes = 0.15;
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => amperes, BusVolts = () => 12 };
        using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply" }, clock);
        var measured = new List<SupplyCurrentSample>();
        var sampled = new List<SupplyCurrentSample>();
        monitor.Measured += (_, sample) => measured.Add(sample);
        monitor.Sampled += (_, sample) => sampled.Add(sample);

        SupplyCurrentSample read = monitor.Read();
        monitor.StartSampling();
        amperes = 0.5;
        clock.Advance(monitor.Definition.SampleInterval);
        monitor.StopSampling();
        clock.Advance(monitor.Definition.SampleInterval * 3);

        Assert.Multiple(() =>
        {
            Assert.That(monitor.Definition.SampleInterval, Is.EqualTo(TimeSpan.FromMilliseconds(50)), "the default catches 20 ms bursts often");
            Assert.That(measured, Is.EqualTo(new[] { read }));
            Assert.That(sampled.Select(sample => Math.Round(sample.Milliamperes)), Is.EqualTo(new[] { 500.0 }));
            Assert.That(clock.GetElapsedTime(read.Timestamp, sampled[0].Timestamp), Is.EqualTo(monitor.Definition.SampleInterval), "stamped when read");
        });
    }
}
