using Bench.Hardware.Simulation.I2c;
using Iot.Device.Pwm;

namespace Bench.Hardware.Tests.I2c;

/// <summary>Iot.Device.Bindings' Pca9685 driving the register-level simulated chip.</summary>
public sealed class Pca9685Tests
{
    [Test]
    public void The_chip_starts_asleep_at_200_Hz_with_every_channel_full_off()
    {
        var chip = new SimulatedPca9685();

        Assert.Multiple(() =>
        {
            Assert.That(chip.ReadRegister(0x00), Is.EqualTo(0x11));
            Assert.That(chip.ReadRegister(0xFE), Is.EqualTo(0x1E));
            Assert.That(chip.ReadRegister(0x09) & 0x10, Is.EqualTo(0x10));
            Assert.That(chip.IsAsleep, Is.True);
        });
    }

    [Test]
    public void Fifty_hertz_is_prescale_121_and_the_binding_wakes_the_chip_with_auto_increment()
    {
        var chip = new SimulatedPca9685();
        using var pwm = new Pca9685(chip, pwmFrequency: 50);

        Assert.Multiple(() =>
        {
            // round(25 MHz / (4096 × 50 Hz)) − 1 = 121 (datasheet eq. 1).
            Assert.That(chip.PrescaleValue, Is.EqualTo(121));
            Assert.That(chip.IsAsleep, Is.False);
            Assert.That(chip.ReadRegister(0x00) & 0x20, Is.EqualTo(0x20), "MODE1.AI");
            Assert.That(chip.Period.TotalMilliseconds, Is.EqualTo(122 * 4096 / 25_000.0).Within(1e-4), "TimeSpan keeps 100 ns ticks");
            Assert.That(pwm.PwmFrequency, Is.EqualTo(25_000_000 / 4096.0 / 122).Within(1e-9));
        });
    }

    [Test]
    public void Prescale_writes_are_ignored_while_the_oscillator_runs()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0x00, 0x01]);
        chip.Write([0xFE, 0x05]);

        Assert.That(chip.PrescaleValue, Is.EqualTo(0x1E));
    }

    [Test]
    public void A_duty_cycle_lands_in_LEDn_OFF_and_reads_back_through_the_binding()
    {
        var chip = new SimulatedPca9685();
        using var pwm = new Pca9685(chip, pwmFrequency: 50);
        using var channel = pwm.CreatePwmChannel(3);

        channel.DutyCycle = 0.075;

        // 0.075 × 4096 = 307.2 → 307 = 0x133 in LED3_OFF (0x12/0x13), LED3_ON 0.
        Assert.Multiple(() =>
        {
            Assert.That(chip.ReadRegister(0x06 + 12), Is.Zero);
            Assert.That(chip.ReadRegister(0x06 + 12 + 2), Is.EqualTo(0x33));
            Assert.That(chip.ReadRegister(0x06 + 12 + 3), Is.EqualTo(0x01));
            Assert.That(chip.PulseWidth(3), Is.EqualTo(chip.Period * 307 / 4096));
            Assert.That(channel.DutyCycle, Is.EqualTo(307 / 4096.0));
        });
    }

    [Test]
    public void Auto_increment_reads_a_channels_four_registers_in_one_transfer()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0x00, 0x21]);
        chip.Write([0x0A, 0x01, 0x02, 0x03, 0x04]);
        var bytes = new byte[4];

        chip.WriteRead([0x0A], bytes);

        Assert.That(bytes, Is.EqualTo(new byte[] { 0x01, 0x02, 0x03, 0x04 }));
    }

    [Test]
    public void ALL_LED_writes_reach_every_channel_and_read_back_zero()
    {
        var chip = new SimulatedPca9685();
        chip.Write([0xFC, 0x00]);
        chip.Write([0xFD, 0x08]);

        Assert.Multiple(() =>
        {
            Assert.That(chip.ReadRegister(0x06 + (4 * 15) + 3), Is.EqualTo(0x08));
            Assert.That(chip.ReadRegister(0xFD), Is.Zero);
        });
    }
}
