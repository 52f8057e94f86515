namespace Bench.Hardware;

/// <summary>
/// One energizing pulse of the swipe solenoid, as timestamps of the solenoid's <see cref="TimeProvider"/>
/// (<see cref="System.Diagnostics.Stopwatch"/> ticks with the system clock).
/// </summary>
/// <param name="StartTimestamp">Taken just after the coil was energized.</param>
/// <param name="EndTimestamp">Taken just after the coil was de-energized.</param>
public sealed record SwipePulse(long StartTimestamp, long EndTimestamp);
