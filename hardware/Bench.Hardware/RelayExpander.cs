using System.Device.Gpio;
using System.Device.I2c;
using Iot.Device.Mcp23xxx;

namespace Bench.Hardware;

/// <summary>
/// An MCP23017 I/O expander carrying relay coils and sense contacts. Iot.Device.Bindings' <see cref="Mcp23017"/>
/// is a <see cref="GpioDriver"/>: <see cref="Controller"/> is a <see cref="GpioController"/> over it, so a
/// <see cref="Relay"/> on the expander is the same class as one on the header, pins numbered 0–15 (GPA0–7, GPB0–7).
/// </summary>
/// <remarks>
/// Ownership: this device owns <see cref="Controller"/> and the <see cref="Mcp23017"/> under it; it disposes the
/// <c>device</c> it was handed only when <c>shouldDispose</c> is true (the binding itself leaves the I2C device
/// alone when it has no reset pin). Closing an expander pin does not change its output (the chip has no "release"):
/// put relays in their safe state before disposing. The expander's inputs have pull-ups only.
/// </remarks>
public sealed class RelayExpander : IDisposable
{
    private readonly I2cDevice device;
    private readonly Mcp23017 expander;
    private readonly bool shouldDispose;
    private bool disposed;

    /// <summary>Opens the expander, which the binding resets to all pins inputs, output latches low.</summary>
    /// <param name="device">The expander's I2C device (address 0x20–0x27).</param>
    /// <param name="name">The expander's name in the rig file, for messages.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="device"/> with this device.</param>
    public RelayExpander(I2cDevice device, string name, bool shouldDispose = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.device = device;
        this.shouldDispose = shouldDispose;
        Name = name;
        try
        {
            expander = new Mcp23017(device);
            Controller = new GpioController(expander);
        }
        catch
        {
            if (shouldDispose)
            {
                device.Dispose();
            }

            throw;
        }
    }

    /// <summary>The expander's name in the rig file.</summary>
    public string Name { get; }

    /// <summary>The expander's bus address.</summary>
    public int Address => device.ConnectionSettings.DeviceAddress;

    /// <summary>A controller whose pins are the expander's 16 pins.</summary>
    public GpioController Controller { get; }

    /// <summary>
    /// Sets a pin's output latch (OLAT) before the pin is made an output. The binding switches a pin to output
    /// before it writes the level asked for; preset to the relay's released level, the coil never sees a glitch.
    /// </summary>
    public void PresetOutputLatch(int pin, PinValue level)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pin, 15);
        Port port = pin < 8 ? Port.PortA : Port.PortB;
        int bit = 1 << (pin % 8);
        byte latch = expander.ReadByte(Register.OLAT, port);
        latch = (byte)(level == PinValue.High ? latch | bit : latch & ~bit);
        expander.WriteByte(Register.OLAT, latch, port);
    }

    /// <summary>Disposes the controller and the binding, and the I2C device when this device owns it.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            Controller.Dispose();
        }
        finally
        {
            if (shouldDispose)
            {
                device.Dispose();
            }
        }
    }
}
