using System.Device.Gpio;

namespace Bench.Hardware.Simulation;

/// <summary>One line of a <see cref="SimulatedPinTrace"/>.</summary>
/// <param name="Time">When the change was written (UTC).</param>
/// <param name="Rig">The rig's name.</param>
/// <param name="Pin">The pin number.</param>
/// <param name="IsOutput">True when the controller drove the pin; false once released (or for an input).</param>
/// <param name="Level">The pin's level after the change.</param>
public sealed record TracedPinChange(DateTimeOffset Time, string Rig, int Pin, bool IsOutput, PinValue Level);
