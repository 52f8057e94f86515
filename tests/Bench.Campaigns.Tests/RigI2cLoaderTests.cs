using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>The rig file's i2c, swiper, servo, supplyCurrent and expander keys.</summary>
public sealed class RigI2cLoaderTests
{
    // Line numbers below count from this text's first line.
    private const string Rig = """
        name: i2c-rig
        gpioDriver: Simulated
        i2c:
          bus: 1
          devices:
            - name: servoDriver
              chip: Pca9685
              address: 0x40
            - name: relayExpander
              chip: Mcp23017
              address: 0x20
            - name: supplyMonitor
              chip: Ina219
              address: 65
        swiper: servo
        servo:
          device: servoDriver
          channel: 2
          restAngle: 20
          endAngle: 160
          strokeTime: 400ms
        terminalPower:
          expander: relayExpander
          pin: 0
          sensePin: 8
          senseActiveHigh: false
        phoneLine:
          pin: 17
        supplyCurrent:
          device: supplyMonitor
          shuntOhms: 0.05
          currentLsbMilliamperes: 0.2
        """;

    [Test]
    public void Loads_the_i2c_devices_the_servo_the_expander_relay_and_the_supply_monitor()
    {
        using var directory = new TemporaryDirectory();

        var rig = RigDefinitionLoader.Load(directory.Write("rig.yaml", Rig));

        Assert.Multiple(() =>
        {
            Assert.That(rig.I2c!.BusId, Is.EqualTo(1));
            Assert.That(rig.I2c.Devices.Select(device => (device.Name, device.Chip, device.Address)), Is.EqualTo(new[]
            {
                ("servoDriver", I2cChip.Pca9685, 0x40), ("relayExpander", I2cChip.Mcp23017, 0x20), ("supplyMonitor", I2cChip.Ina219, 0x41),
            }));
            Assert.That(rig.Swiper, Is.EqualTo(SwiperKind.Servo));
            Assert.That(rig.Servo, Is.EqualTo(new ServoSwiperDefinition
            {
                Device = "servoDriver", Channel = 2, RestAngle = 20, EndAngle = 160, StrokeTime = TimeSpan.FromMilliseconds(400),
            }));
            Assert.That(rig.TerminalPower, Is.EqualTo(new RelayDefinition { Expander = "relayExpander", Pin = 0, SensePin = 8, SenseActiveHigh = false }));
            // 0.04096 / (0.0002 A × 0.05 Ω) = 4096.
            Assert.That(rig.SupplyCurrent!.Calibration, Is.EqualTo(4096));
            Assert.That(rig.PinAssignments().Select(pin => pin.Pin), Is.EqualTo(new[] { 2, 3, 17 }));
            Assert.That(rig.ExpanderPinAssignments().Select(pin => pin.Where), Is.EqualTo(new[] { "expander 'relayExpander' pin 0", "expander 'relayExpander' pin 8" }));
        });
    }

    [TestCase("  pin: 17", "  pin: 2", 28, 3, "phoneLine.pin", "GPIO 2 is wired to more than one use (I2C bus 1 SDA, phone line relay)")]
    [TestCase("  sensePin: 8", "  sensePin: 0", 25, 3, "terminalPower.sensePin", "expander 'relayExpander' pin 0 is wired to more than one use")]
    [TestCase("  device: servoDriver", "  device: servoDrive", 17, 3, "servo.device", "unknown I2C device 'servoDrive' (devices: servoDriver, relayExpander, supplyMonitor); did you mean 'servoDriver'?")]
    [TestCase("  device: supplyMonitor", "  device: relayExpander", 30, 3, "supplyCurrent.device", "'relayExpander' is a Mcp23017; this needs a Ina219")]
    [TestCase("      address: 65", "      address: 0x40", 14, 7, "i2c.devices[2].address", "0x40 is used twice on I2C bus 1 (also by 'servoDriver')")]
    [TestCase("      address: 0x20", "      address: 0x28", 11, 7, "i2c.devices[1].address", "must be a Mcp23017 address between 0x20 and 0x27")]
    [TestCase("  senseActiveHigh: false", "  senseActiveHigh: true", 26, 3, "terminalPower.senseActiveHigh", "only a pull-up")]
    [TestCase("swiper: servo", "swiper: piston", 15, 1, "swiper", "must be solenoid or servo (got 'piston')")]
    [TestCase("  strokeTime: 400ms", "  strokeTime: 10ms", 21, 3, "servo.strokeTime", "at least one PWM period (20ms")]
    public void A_mistake_is_reported_at_its_line_and_column(string line, string replacement, int lineNumber, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        Assert.That(Rig.Split('\n'), Does.Contain(line), "the line to replace");
        var file = directory.Write("rig.yaml", string.Join('\n', Rig.Split('\n').Select(text => text == line ? replacement : text)));

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, lineNumber, column, keyPath, problem);
    }

    [Test]
    public void A_servo_without_its_device_names_the_missing_key()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", Rig.Replace("  device: servoDriver\n", "", StringComparison.Ordinal));

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, 17, 3, "servo.device", "required key is missing");
    }
}
