namespace Bench.Hardware.Simulation;

/// <summary>Physical properties of the simulated rig that the rig definition does not describe.</summary>
public sealed record WiringHarnessOptions
{
    /// <summary>
    /// Shortest solenoid pulse that completes a stroke; a shorter pulse moves the card too little for the
    /// reader to see a swipe.
    /// </summary>
    public TimeSpan MinimumSwipePulse { get; init; } = TimeSpan.FromMilliseconds(50);
}
