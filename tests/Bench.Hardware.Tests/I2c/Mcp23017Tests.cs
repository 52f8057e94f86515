using System.Device.Gpio;
using Bench.Hardware.Simulation.I2c;
using Iot.Device.Mcp23xxx;

namespace Bench.Hardware.Tests.I2c;

/// <summary>Iot.Device.Bindings' Mcp23017, as a GpioDriver, driving the register-level simulated chip.</summary>
public sealed class Mcp23017Tests
{
    [Test]
    public void An_output_pin_clears_its_IODIR_bit_and_sets_its_OLAT_bit()
    {
        var chip = new SimulatedMcp23017();
        using var controller = new GpioController(new Mcp23017(chip));

        controller.OpenPin(11, PinMode.Output);
        controller.Write(11, PinValue.High);

        Assert.Multiple(() =>
        {
            // Pin 11 is GPB3: IODIRB 0x01, OLATB 0x15.
            Assert.That(chip.ReadRegister(0x01), Is.EqualTo(0xF7));
            Assert.That(chip.ReadRegister(0x15), Is.EqualTo(0x08));
            Assert.That(chip.ReadRegister(0x13), Is.EqualTo(0x08), "GPIOB reads the latch of an output");
            Assert.That(chip.OutputLevel(11), Is.EqualTo(PinValue.High));
            Assert.That(chip.OutputLevel(3), Is.Null);
        });
    }

    [Test]
    public void An_input_with_the_pull_up_reads_high_until_driven_low()
    {
        var chip = new SimulatedMcp23017();
        using var controller = new GpioController(new Mcp23017(chip));
        controller.OpenPin(2, PinMode.InputPullUp);

        PinValue pulledUp = controller.Read(2);
        chip.DriveInput(2, PinValue.Low);

        Assert.Multiple(() =>
        {
            Assert.That(pulledUp, Is.EqualTo(PinValue.High));
            Assert.That(controller.Read(2), Is.EqualTo(PinValue.Low));
            Assert.That(chip.ReadRegister(0x0C), Is.EqualTo(0x04), "GPPUA");
        });
    }

    [Test]
    public void The_pointer_increments_through_the_A_B_pairs_and_wraps_after_OLATB()
    {
        var chip = new SimulatedMcp23017();
        var bytes = new byte[3];

        chip.WriteRead([0x14], bytes);

        // OLATA, OLATB, then IODIRA (0xFF after power-on).
        Assert.That(bytes, Is.EqualTo(new byte[] { 0x00, 0x00, 0xFF }));
    }

    [Test]
    public void Bank_1_is_refused_rather_than_simulated_wrongly()
    {
        var chip = new SimulatedMcp23017();

        Assert.That(() => chip.Write([0x0A, 0x80]), Throws.InstanceOf<NotSupportedException>());
    }
}
