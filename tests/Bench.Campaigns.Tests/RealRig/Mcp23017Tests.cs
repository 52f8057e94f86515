using System.Device.Gpio;
using System.Device.I2c;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// Each MCP23017 relay expander of the rig file on the rig's I2C bus: it answers at its address, takes the pin
/// directions and pull-ups the rig's relays need (read back from its IODIR and GPPU registers), and each relay on it
/// switches with its sense contact following. Briefly cuts the circuits those relays switch: not during a campaign.
/// </summary>
[Category("Hardware")]
public sealed class Mcp23017Tests
{
    // Register addresses with IOCON.BANK = 0 (the power-on default the binding keeps); port B is the next address.
    private const byte DirectionRegisterA = 0x00;
    private const byte PullUpRegisterA = 0x0C;

    [Test]
    public void Each_expander_reads_back_the_directions_and_pull_ups_of_its_relay_pins()
    {
        using var rig = RigUnderTest.Open();
        foreach (I2cDeviceDefinition chip in rig.ChipsOf(I2cChip.Mcp23017))
        {
            I2cDevice device = rig.OpenI2c(chip);
            using var expander = rig.Answer(chip, "reset and open", () => new RelayExpander(device, chip.Name, shouldDispose: true));
            var relays = rig.Relays(chip.Name);
            var opened = new List<Relay>();
            try
            {
                foreach ((string circuit, RelayDefinition definition) in relays)
                {
                    // As the rig does: the released level in the latch before the pin turns output, so the coil never twitches.
                    rig.Answer(chip, "preset output latch", () =>
                    {
                        expander.PresetOutputLatch(definition.Pin, definition.ActiveHigh ? PinValue.Low : PinValue.High);
                        return true;
                    });
                    opened.Add(rig.Answer(chip, $"open {circuit} relay pins", () => new Relay(expander.Controller, circuit, definition)));
                }

                ushort directions = rig.Answer(chip, "read IODIRA/IODIRB", () => ReadPortPair(device, DirectionRegisterA));
                ushort pullUps = rig.Answer(chip, "read GPPUA/GPPUB", () => ReadPortPair(device, PullUpRegisterA));
                Assert.Multiple(() =>
                {
                    foreach ((string circuit, RelayDefinition definition) in relays)
                    {
                        Assert.That(
                            Bit(directions, definition.Pin),
                            Is.False,
                            $"{chip.Name} 0x{chip.Address:X2}: IODIR 0x{directions:X4} has the {circuit} coil pin {definition.Pin} as an input; it was opened as an output");
                        if (definition.SensePin is int sense)
                        {
                            Assert.That(
                                Bit(directions, sense),
                                Is.True,
                                $"{chip.Name} 0x{chip.Address:X2}: IODIR 0x{directions:X4} has the {circuit} sense pin {sense} as an output; it was opened as an input");
                            Assert.That(
                                Bit(pullUps, sense),
                                Is.EqualTo(!definition.SenseActiveHigh),
                                $"{chip.Name} 0x{chip.Address:X2}: GPPU 0x{pullUps:X4}: the {circuit} sense pin {sense}'s pull-up should be {(definition.SenseActiveHigh ? "off" : "on")}");
                        }
                    }
                });

                TestContext.Out.WriteLine($"{chip.Name} 0x{chip.Address:X2}: IODIR 0x{directions:X4}, GPPU 0x{pullUps:X4}, {relays.Count} relay(s) of the rig file");
            }
            finally
            {
                foreach (Relay relay in opened)
                {
                    relay.DeEnergize();
                    relay.Dispose();
                }
            }
        }
    }

    [Test]
    public async Task Each_relay_on_an_expander_switches_and_its_sense_contact_follows()
    {
        using var rig = RigUnderTest.Open();
        var switched = 0;
        foreach (I2cDeviceDefinition chip in rig.ChipsOf(I2cChip.Mcp23017))
        {
            var relays = rig.Relays(chip.Name);
            if (relays.Count == 0)
            {
                continue;
            }

            I2cDevice device = rig.OpenI2c(chip);
            using var expander = rig.Answer(chip, "reset and open", () => new RelayExpander(device, chip.Name, shouldDispose: true));
            foreach ((string circuit, RelayDefinition definition) in relays)
            {
                Assert.That(definition.SensePin, Is.Not.Null, $"the {circuit} relay on {chip.Name} has no sensePin, so nothing can show that it switches");
                rig.Answer(chip, "preset output latch", () =>
                {
                    expander.PresetOutputLatch(definition.Pin, definition.ActiveHigh ? PinValue.Low : PinValue.High);
                    return true;
                });
                await RelaySwitching.CheckAsync(expander.Controller, circuit, definition);
                switched++;
            }
        }

        if (switched == 0)
        {
            Assert.Ignore($"rig '{rig.Definition.Name}' has no relay on an expander");
        }
    }

    private static ushort ReadPortPair(I2cDevice device, byte portARegister)
    {
        // Sequential mode (IOCON.SEQOP = 0): a two-byte read continues from port A's register to port B's.
        Span<byte> ports = stackalloc byte[2];
        device.WriteRead([portARegister], ports);
        return (ushort)(ports[0] | (ports[1] << 8));
    }

    private static bool Bit(ushort value, int pin) => (value & (1 << pin)) != 0;
}
