using System.Device.I2c;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// Each INA219 supply monitor of the rig file on the rig's I2C bus: it keeps the calibration the rig file's shunt and
/// current LSB give (read back from its CALIBRATION register) and measures a terminal supply's voltage on its bus
/// input. Nothing is switched: with no bench running the power relay is released, so the terminal is powered.
/// </summary>
[Category("Hardware")]
public sealed class Ina219Tests
{
    private const byte CalibrationRegister = 0x05;

    // A terminal's DC supply is 5 to 24 V nominal; below 4.5 V the INA219 is not on a powered terminal supply.
    private const double LowestSupplyVolts = 4.5;
    private const double HighestSupplyVolts = 26;

    [Test]
    public void Each_supply_monitor_keeps_its_calibration_and_reads_a_plausible_bus_voltage()
    {
        using var rig = RigUnderTest.Open();
        foreach (I2cDeviceDefinition chip in rig.ChipsOf(I2cChip.Ina219))
        {
            SupplyCurrentDefinition definition = rig.Definition.SupplyCurrent is { } supply && supply.Device == chip.Name
                ? supply
                : new SupplyCurrentDefinition { Device = chip.Name };
            I2cDevice device = rig.OpenI2c(chip);
            using var monitor = rig.Answer(chip, "reset and calibrate", () => new SupplyCurrentMonitor(device, definition, TimeProvider.System, shouldDispose: true));

            ushort calibration = rig.Answer(chip, "read CALIBRATION", () => ReadRegister(device, CalibrationRegister));
            SupplyCurrentSample sample = rig.Answer(chip, "read bus voltage and current", monitor.Read);
            Assert.Multiple(() =>
            {
                Assert.That(
                    calibration,
                    Is.EqualTo(definition.Calibration),
                    $"{chip.Name} 0x{chip.Address:X2}: CALIBRATION for a {definition.ShuntOhms} Ω shunt at {definition.CurrentLsbMilliamperes} mA a count");
                Assert.That(
                    sample.BusVolts,
                    Is.InRange(LowestSupplyVolts, HighestSupplyVolts),
                    $"{chip.Name} 0x{chip.Address:X2}: bus voltage {sample.BusVolts:0.00} V ({sample.Milliamperes:0.#} mA) is not a terminal supply's: " +
                    "VIN+/VIN− go in series with the terminal's positive lead after the power relay, the breakout's GND to the supply's; " +
                    "0 V means the supply is off or unplugged");
            });
            TestContext.Out.WriteLine($"{chip.Name} 0x{chip.Address:X2}: {sample.BusVolts:0.00} V, {sample.Milliamperes:0.#} mA");
        }
    }

    private static ushort ReadRegister(I2cDevice device, byte register)
    {
        // INA219 registers are 16 bits, most significant byte first.
        Span<byte> value = stackalloc byte[2];
        device.WriteRead([register], value);
        return (ushort)((value[0] << 8) | value[1]);
    }
}
