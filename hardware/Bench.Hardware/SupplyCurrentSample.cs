namespace Bench.Hardware;

/// <summary>One reading of the terminal's supply by the INA219.</summary>
/// <param name="Timestamp">When it was read (the monitor's <see cref="TimeProvider"/> timestamp).</param>
/// <param name="Milliamperes">The supply current.</param>
/// <param name="BusVolts">The supply voltage on the load side of the shunt.</param>
public sealed record SupplyCurrentSample(long Timestamp, double Milliamperes, double BusVolts);
