namespace Bench.Hardware.Simulation.Cellular;

/// <summary>The signal at a cellular module's antenna changed.</summary>
/// <param name="RsrpDbm">The base level minus the attenuation.</param>
/// <param name="LossProbability">The loss per transmission the link now applies (<see cref="SignalLossModel"/>).</param>
/// <param name="HasLink">False at or below the no-link level.</param>
/// <param name="Timestamp">When (the module's clock).</param>
public sealed record CellularSignal(double RsrpDbm, double LossProbability, bool HasLink, long Timestamp);
