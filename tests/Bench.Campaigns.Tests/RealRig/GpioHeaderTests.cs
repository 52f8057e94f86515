using System.Device.Gpio;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// The header's GPIO on the rig's Pi, through the driver the rig file names (LibGpiodV2 on the reference Pi 5) on its
/// gpiochip: the chip is the header, every line the rig file uses can be claimed, and each relay on the header switches
/// with its sense contact following. Briefly cuts the terminal's power, line or SIM: not during a campaign.
/// </summary>
[Category("Hardware")]
public sealed class GpioHeaderTests
{
    // The 40-pin header carries GPIO 0–27; the Pi 5's RP1 chip has 54 lines.
    private const int HeaderLines = 28;

    [Test]
    public void The_rig_files_gpio_chip_is_the_header_and_every_line_it_uses_can_be_claimed()
    {
        using var rig = RigUnderTest.Open();
        GpioController gpio = rig.Gpio;

        Assert.That(
            gpio.PinCount,
            Is.GreaterThanOrEqualTo(HeaderLines),
            $"gpiochip{rig.Definition.GpioChip} has {gpio.PinCount} lines, fewer than the header's {HeaderLines}: it is not the header's chip (`gpiodetect`; set gpioChip in {rig.File})");

        // SDA/SCL belong to the I2C driver once the bus is enabled; the I2C tests reach them through /dev/i2c-N.
        var lines = rig.Definition.PinAssignments()
            .Where(pin => !pin.Use.StartsWith("I2C", StringComparison.Ordinal))
            .ToList();
        Assert.That(lines, Is.Not.Empty, $"rig '{rig.Definition.Name}' uses no header GPIO");
        foreach (PinAssignment line in lines)
        {
            try
            {
                // An input never energizes anything: relay inputs are opto-isolated and the solenoid's gate is pulled down.
                gpio.OpenPin(line.Pin, PinMode.Input);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Assert.Fail(
                    $"GPIO {line.Pin} ({line.Use}) could not be claimed: {exception.Message}. Another process may hold it " +
                    "(a running bench or the nightly service: `gpioinfo` names the consumer), or the user is not in the gpio group");
            }
            finally
            {
                if (gpio.IsPinOpen(line.Pin))
                {
                    gpio.ClosePin(line.Pin);
                }
            }
        }
    }

    [Test]
    public async Task Each_relay_on_the_header_switches_and_its_sense_contact_follows()
    {
        using var rig = RigUnderTest.Open();
        var relays = rig.Relays(expander: null);
        if (relays.Count == 0)
        {
            Assert.Ignore($"rig '{rig.Definition.Name}' has no relay on the header");
        }

        var withoutSense = relays.Where(entry => entry.Relay.SensePin is null).Select(entry => entry.Circuit).ToList();
        Assert.That(withoutSense, Is.Empty, "these relays have no sensePin, so nothing can show that they switch");

        foreach ((string circuit, RelayDefinition definition) in relays)
        {
            await RelaySwitching.CheckAsync(rig.Gpio, circuit, definition);
        }
    }
}
