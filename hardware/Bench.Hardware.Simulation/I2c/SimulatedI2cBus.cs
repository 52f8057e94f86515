using System.Device.I2c;

namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// The simulated rig's I2C bus: one register-level chip for each device of a rig definition's <c>i2c</c> section.
/// <see cref="Open"/> is what the <see cref="Rig"/> is handed in place of <see cref="I2cDevice.Create"/>; the
/// <see cref="WiringHarness"/> watches the same chips' outputs.
/// </summary>
public sealed class SimulatedI2cBus
{
    private readonly Dictionary<string, SimulatedI2cDevice> chips = [];

    /// <summary>Creates the chips of <paramref name="definition"/>'s I2C bus (none without one).</summary>
    public SimulatedI2cBus(RigDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.I2c is not { } bus)
        {
            return;
        }

        foreach (I2cDeviceDefinition device in bus.Devices)
        {
            chips[device.Name] = device.Chip switch
            {
                I2cChip.Pca9685 => new SimulatedPca9685(bus.BusId, device.Address),
                I2cChip.Mcp23017 => new SimulatedMcp23017(bus.BusId, device.Address),
                // The physical shunt is the one the rig file describes.
                _ => new SimulatedIna219(bus.BusId, device.Address, ShuntFor(definition, device.Name)),
            };
        }
    }

    /// <summary>Every chip by its name in the rig file.</summary>
    public IReadOnlyDictionary<string, SimulatedI2cDevice> Chips => chips;

    /// <summary>The chip named <paramref name="name"/>, of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>(string name)
        where T : SimulatedI2cDevice =>
        chips.TryGetValue(name, out SimulatedI2cDevice? chip) ? chip as T : null;

    /// <summary>Opens the chip of <paramref name="device"/> (the rig then owns the handle).</summary>
    /// <exception cref="IOException">No chip answers at that name and address.</exception>
    public I2cDevice Open(I2cDeviceDefinition device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return chips.TryGetValue(device.Name, out SimulatedI2cDevice? chip) && chip.ConnectionSettings.DeviceAddress == device.Address
            ? chip
            : throw new IOException($"no simulated chip answers at I2C address 0x{device.Address:X2} ('{device.Name}')");
    }

    private static double ShuntFor(RigDefinition definition, string name) =>
        definition.SupplyCurrent is { } supply && supply.Device == name ? supply.ShuntOhms : new SupplyCurrentDefinition { Device = name }.ShuntOhms;
}
