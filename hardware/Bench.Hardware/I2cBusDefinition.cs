namespace Bench.Hardware;

/// <summary>The rig's I2C bus and the chips on it.</summary>
public sealed record I2cBusDefinition
{
    /// <summary>The Linux bus number (/dev/i2c-N). Bus 1 is the header's SDA/SCL on GPIO 2/3.</summary>
    public int BusId { get; init; } = 1;

    /// <summary>The chips on the bus, each with a unique name and address.</summary>
    public IReadOnlyList<I2cDeviceDefinition> Devices { get; init; } = [];

    /// <summary>The header GPIOs this bus occupies (SDA, SCL): bus 1 uses GPIO 2/3, bus 0 GPIO 0/1; none for other buses.</summary>
    public IReadOnlyList<PinAssignment> HeaderPins() => BusId switch
    {
        0 => [new PinAssignment(0, "I2C bus 0 SDA"), new PinAssignment(1, "I2C bus 0 SCL")],
        1 => [new PinAssignment(2, "I2C bus 1 SDA"), new PinAssignment(3, "I2C bus 1 SCL")],
        _ => [],
    };

    /// <summary>The chip named <paramref name="name"/>, or null.</summary>
    public I2cDeviceDefinition? Find(string name) => Devices.FirstOrDefault(device => device.Name == name);
}
