namespace Bench.Hardware.Simulation;

/// <summary>A relay-switched circuit opened or closed.</summary>
/// <param name="IsOn">True when the circuit is closed: terminal powered, phone line connected, SIM powered.</param>
/// <param name="Timestamp">Driver timestamp of the pin change that switched it (Stopwatch ticks with the system clock).</param>
public sealed record CircuitChange(bool IsOn, long Timestamp);
