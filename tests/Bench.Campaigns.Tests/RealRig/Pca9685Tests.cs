using System.Device.I2c;
using Bench.Hardware;
using Iot.Device.Pwm;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// Each PCA9685 servo driver of the rig file on the rig's I2C bus: it takes the prescale of the servo's PWM frequency
/// and runs its oscillator (read back from PRESCALE and MODE1), and the servo swiper's channel puts out the rest
/// angle's pulse (read back from the channel's LED registers). Moves the swiper's arm to rest, clear of the reader.
/// </summary>
[Category("Hardware")]
public sealed class Pca9685Tests
{
    private const double OscillatorHertz = 25_000_000;
    private const int StepsPerPeriod = 4096;
    private const byte ModeRegister = 0x00;
    private const byte SleepBit = 0x10;
    private const byte PrescaleRegister = 0xFE;
    private const byte FirstChannelRegister = 0x06;
    private const int FullBit = 0x1000;

    [Test]
    public void Each_servo_driver_accepts_the_prescale_of_its_pwm_frequency_and_wakes()
    {
        using var rig = RigUnderTest.Open();
        foreach (I2cDeviceDefinition chip in rig.ChipsOf(I2cChip.Pca9685))
        {
            double frequency = FrequencyOf(rig, chip);
            I2cDevice device = rig.OpenI2c(chip);
            using Pca9685 driver = rig.Answer(chip, $"set {frequency} Hz", () => new Pca9685(device, pwmFrequency: frequency));

            // The datasheet's formula: prescale = round(oscillator / (4096 × frequency)) − 1; 121 at 50 Hz.
            int expected = (int)Math.Round(OscillatorHertz / (StepsPerPeriod * frequency)) - 1;
            byte prescale = rig.Answer(chip, "read PRESCALE", () => ReadRegister(device, PrescaleRegister));
            byte mode = rig.Answer(chip, "read MODE1", () => ReadRegister(device, ModeRegister));
            Assert.Multiple(() =>
            {
                Assert.That(prescale, Is.EqualTo(expected), $"{chip.Name} 0x{chip.Address:X2}: PRESCALE for {frequency} Hz");
                Assert.That(mode & SleepBit, Is.Zero, $"{chip.Name} 0x{chip.Address:X2}: MODE1 0x{mode:X2} still has SLEEP set: the oscillator is off, no servo pulses");
            });
        }
    }

    [Test]
    public void The_servo_swipers_channel_puts_out_the_rest_angles_pulse()
    {
        using var rig = RigUnderTest.Open();
        rig.ChipsOf(I2cChip.Pca9685);
        if (rig.Definition.Servo is not { } servo)
        {
            Assert.Ignore($"rig '{rig.Definition.Name}' has no servo: section");
            return;
        }

        I2cDeviceDefinition chip = rig.Definition.I2c!.Find(servo.Device)!;
        I2cDevice device = rig.OpenI2c(chip);
        using Pca9685 driver = rig.Answer(chip, $"set {servo.PwmFrequency} Hz", () => new Pca9685(device, pwmFrequency: servo.PwmFrequency));
        using var swiper = rig.Answer(
            chip, $"start channel {servo.Channel}", () => new ServoSwiper(driver.CreatePwmChannel(servo.Channel), servo, TimeProvider.System, shouldDispose: true));

        double periodMicroseconds = (rig.Answer(chip, "read PRESCALE", () => ReadRegister(device, PrescaleRegister)) + 1) * StepsPerPeriod / OscillatorHertz * 1_000_000;
        int steps = rig.Answer(chip, $"read LED{servo.Channel} registers", () => PulseSteps(device, servo.Channel));
        double pulse = steps * periodMicroseconds / StepsPerPeriod;
        double expected = servo.PulseWidthMicrosecondsAt(servo.RestAngle);

        // One step of the chip (4.9 µs at 50 Hz) and the servo binding's whole microseconds.
        double tolerance = (periodMicroseconds / StepsPerPeriod) + 1;
        Assert.That(
            pulse,
            Is.EqualTo(expected).Within(tolerance),
            $"{chip.Name} 0x{chip.Address:X2} channel {servo.Channel}: {steps} steps of {periodMicroseconds / StepsPerPeriod:0.##} µs at rest ({servo.RestAngle}°)");
    }

    private static double FrequencyOf(RigUnderTest rig, I2cDeviceDefinition chip) =>
        rig.Definition.Servo is { } servo && servo.Device == chip.Name ? servo.PwmFrequency : new ServoSwiperDefinition { Device = chip.Name }.PwmFrequency;

    private static byte ReadRegister(I2cDevice device, byte register)
    {
        device.WriteByte(register);
        return device.ReadByte();
    }

    // LEDn_ON_L/H, LEDn_OFF_L/H from 0x06 + 4n: the pulse is high from the ON count to the OFF count, wrapping at 4096.
    private static int PulseSteps(I2cDevice device, int channel)
    {
        byte first = (byte)(FirstChannelRegister + (4 * channel));
        int on = ReadRegister(device, first) | (ReadRegister(device, (byte)(first + 1)) << 8);
        int off = ReadRegister(device, (byte)(first + 2)) | (ReadRegister(device, (byte)(first + 3)) << 8);
        if ((off & FullBit) != 0)
        {
            return 0;
        }

        if ((on & FullBit) != 0)
        {
            return StepsPerPeriod;
        }

        return ((off & 0x0FFF) - (on & 0x0FFF) + StepsPerPeriod) % StepsPerPeriod;
    }
}
