namespace Bench.Hardware;

/// <summary>
/// The INA219 on the terminal's supply: its shunt and calibration, how often it is sampled, and the currents that
/// tell a powered terminal from an unpowered one (the power relay's read-back through the load itself).
/// </summary>
public sealed record SupplyCurrentDefinition
{
    /// <summary>Full scale of the INA219's calibration formula (datasheet eq. 1: Cal = trunc(0.04096 / (Current_LSB × R_SHUNT))).</summary>
    public const double CalibrationScale = 0.04096;

    /// <summary>The name of the INA219 in the rig's <c>i2c.devices</c>.</summary>
    public required string Device { get; init; }

    /// <summary>The shunt resistor in ohms (0.1 Ω on the common breakout boards).</summary>
    public double ShuntOhms { get; init; } = 0.1;

    /// <summary>The current one count of the current register stands for, in milliamperes (0.1 mA: ±3.2 A full scale).</summary>
    public double CurrentLsbMilliamperes { get; init; } = 0.1;

    /// <summary>
    /// How often the monitor samples the supply onto the timeline during a trial: short enough to catch a cellular
    /// modem's transmit bursts, which last from about 20 ms per write.
    /// </summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A supply drawing less than this is off: what a power cut must show.</summary>
    public double OffBelowMilliamperes { get; init; } = 10;

    /// <summary>A supply drawing at least this is a powered terminal: what a restore must show.</summary>
    public double OnAboveMilliamperes { get; init; } = 50;

    /// <summary>How long after switching the supply its current is trusted (the terminal's capacitors, its boot inrush).</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The calibration register value for this shunt and current LSB (datasheet eq. 1; bit 0 is always 0).</summary>
    public ushort Calibration => (ushort)((int)Math.Truncate(CalibrationScale / (CurrentLsbMilliamperes / 1000 * ShuntOhms)) & 0xFFFE);
}
