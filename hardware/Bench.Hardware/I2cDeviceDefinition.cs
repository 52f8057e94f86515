namespace Bench.Hardware;

/// <summary>One chip on the rig's I2C bus, named so that the sections using it (servo, relays, supply current) can refer to it.</summary>
public sealed record I2cDeviceDefinition
{
    /// <summary>The name other rig sections use to refer to this chip, e.g. "relays".</summary>
    public required string Name { get; init; }

    /// <summary>Which chip it is, hence which binding drives it.</summary>
    public required I2cChip Chip { get; init; }

    /// <summary>The chip's 7-bit bus address, as set by its address pins (e.g. 0x40 for a PCA9685 with A0–A5 low).</summary>
    public required int Address { get; init; }
}
