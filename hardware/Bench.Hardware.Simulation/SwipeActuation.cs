namespace Bench.Hardware.Simulation;

/// <summary>A solenoid pulse long enough to carry the card through the reader: the terminal sees a swipe.</summary>
/// <param name="PulseStartTimestamp">When the coil was energized (driver timestamp).</param>
/// <param name="PulseEndTimestamp">When the coil was released, which is when the swipe is reported.</param>
/// <param name="PulseLength">The pulse length in the driver's time.</param>
public sealed record SwipeActuation(long PulseStartTimestamp, long PulseEndTimestamp, TimeSpan PulseLength);
