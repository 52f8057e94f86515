namespace Bench.Hardware.Simulation;

/// <summary>The step attenuator latched a new attenuation.</summary>
/// <param name="Decibels">The attenuation now in the antenna path.</param>
/// <param name="Timestamp">Driver timestamp of the latch edge (Stopwatch ticks with the system clock).</param>
public sealed record AttenuationChange(double Decibels, long Timestamp);
