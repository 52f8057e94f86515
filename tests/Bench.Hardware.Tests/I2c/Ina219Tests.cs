using Bench.Hardware.Simulation.I2c;
using Iot.Device.Adc;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.I2c;

/// <summary>Iot.Device.Bindings' Ina219 (through SupplyCurrentMonitor) reading the register-level simulated chip.</summary>
public sealed class Ina219Tests
{
    [Test]
    public void The_monitor_programs_calibration_4096_for_a_0_1_ohm_shunt_at_0_1_mA()
    {
        var chip = new SimulatedIna219(shuntOhms: 0.1);
        using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply" }, new FakeTimeProvider());

        Assert.Multiple(() =>
        {
            // Datasheet eq. 1: trunc(0.04096 / (0.0001 A × 0.1 Ω)) = 4096.
            Assert.That(chip.ReadRegister(5), Is.EqualTo(4096));
            Assert.That(chip.ReadRegister(0) & 0x7, Is.EqualTo(7), "shunt and bus, continuous");
        });
    }

    [Test]
    public void Current_bus_and_power_follow_the_datasheets_LSBs()
    {
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => 0.150, BusVolts = () => 12 };
        using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply" }, new FakeTimeProvider());

        SupplyCurrentSample sample = monitor.Read();

        Assert.Multiple(() =>
        {
            Assert.That(sample.Milliamperes, Is.EqualTo(150).Within(0.1));
            Assert.That(sample.BusVolts, Is.EqualTo(12).Within(0.004));
            // 15 mV / 10 µV = 1500; 12 V / 4 mV = 3000 in bits 15–3; current 1500 × 4096 / 4096; power 1500 × 3000 / 5000.
            Assert.That(chip.ReadRegister(1), Is.EqualTo(1500));
            Assert.That(chip.ReadRegister(2) >> 3, Is.EqualTo(3000));
            Assert.That(chip.ReadRegister(4), Is.EqualTo(1500));
            Assert.That(chip.ReadRegister(3), Is.EqualTo(900));
        });
    }

    [Test]
    public void The_shunt_voltage_clips_at_the_PGA_range_and_reset_restores_0x399F()
    {
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => 10 };
        var binding = new Ina219(chip);
        binding.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus40mv;

        double clipped = binding.ReadShuntVoltage().Millivolts;
        binding.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(clipped, Is.EqualTo(40).Within(0.01));
            Assert.That(chip.ReadRegister(0), Is.EqualTo(SimulatedIna219.PowerOnConfiguration));
            Assert.That(chip.ReadRegister(5), Is.Zero);
        });
    }

    [Test]
    public void Sampling_raises_a_sample_every_interval_on_the_clock()
    {
        var clock = new FakeTimeProvider();
        var chip = new SimulatedIna219(shuntOhms: 0.1) { CurrentAmperes = () => 0.5, BusVolts = () => 12 };
        using var monitor = new SupplyCurrentMonitor(chip, new SupplyCurrentDefinition { Device = "supply", SampleInterval = TimeSpan.FromMilliseconds(100) }, clock);
        var samples = new List<SupplyCurrentSample>();
        monitor.Sampled += (_, sample) => samples.Add(sample);

        monitor.StartSampling();
        clock.Advance(TimeSpan.FromMilliseconds(350));

        Assert.That(samples.Select(sample => Math.Round(sample.Milliamperes)), Is.EqualTo(new[] { 500.0, 500, 500 }));
    }
}
