using System.Device.Gpio;
using System.Device.I2c;
using System.IO.Ports;
using Bench.Hardware;

namespace Bench.Campaigns.Stations;

/// <summary>
/// How a rig station reaches its hardware: the GPIO driver, the serial ports, the I2C chips. The defaults are the
/// real ones the rig file names; a test hands simulated ones (a <see cref="Bench.Hardware.Simulation.SimulatedGpioDriver"/>,
/// a pty) to run the real rig's code path without a board.
/// </summary>
public sealed record RigStationDevices
{
    /// <summary>The real devices: the rig file's GPIO driver and chip, its serial devices, its I2C bus.</summary>
    public static RigStationDevices Real { get; } = new();

    /// <summary>Creates the rig's GPIO driver; null: the one the rig file names (<see cref="Rig.CreateController"/>).</summary>
    public Func<GpioDriver>? GpioDriver { get; init; }

    /// <summary>Opens a serial device (the ECR port, the console) with its line settings; the station owns the port.</summary>
    public Func<SerialPortDefinition, SerialPort> OpenSerialPort { get; init; } = OpenRealSerialPort;

    /// <summary>Opens one of the rig file's I2C chips; null: the real bus (<see cref="I2cDevice.Create"/>).</summary>
    public Func<I2cDeviceDefinition, I2cDevice>? I2cDevices { get; init; }

    /// <summary>The controller over <see cref="GpioDriver"/>, or over the driver the rig file names.</summary>
    /// <exception cref="RigFaultException">The driver could not be opened.</exception>
    public GpioController CreateController(RigDefinition rig)
    {
        try
        {
            return GpioDriver is { } driver ? new GpioController(driver()) : Rig.CreateController(rig);
        }
        catch (Exception exception) when (exception is not ArgumentException and not RigFaultException)
        {
            throw new RigFaultException(
                $"rig '{rig.Name}': GPIO driver {rig.GpioDriver} on gpiochip{rig.GpioChip} could not be opened: {exception.Message}", exception);
        }
    }

    /// <summary>Opens a serial device as the rig file sets it up: no handshake, no modem-control lines.</summary>
    /// <exception cref="RigFaultException">The device is missing, busy or not permitted.</exception>
    public static SerialPort OpenRealSerialPort(SerialPortDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var port = new SerialPort(definition.Device, definition.BaudRate, definition.Parity, definition.DataBits, definition.StopBits)
        {
            Handshake = Handshake.None,
            DtrEnable = false,
            RtsEnable = false,
        };
        try
        {
            port.Open();
            return port;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new RigFaultException($"serial device {definition.Device} could not be opened: {exception.Message}", exception);
        }
    }
}
