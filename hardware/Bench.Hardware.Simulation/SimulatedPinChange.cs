using System.Device.Gpio;

namespace Bench.Hardware.Simulation;

/// <summary>A change of what a simulated pin presents to the outside world.</summary>
/// <param name="PinNumber">The pin.</param>
/// <param name="Mode">The pin's mode after the change; an output drives <paramref name="Value"/>, an input only reads it.</param>
/// <param name="Value">The pin's level after the change.</param>
/// <param name="Timestamp">The driver's <see cref="TimeProvider"/> timestamp (Stopwatch ticks with the system clock), taken in the thread that made the change.</param>
public sealed record SimulatedPinChange(int PinNumber, PinMode Mode, PinValue Value, long Timestamp)
{
    /// <summary>True when the Pi drives the pin (an output), false when something outside may drive it.</summary>
    public bool IsDrivenByController => Mode == PinMode.Output;
}
