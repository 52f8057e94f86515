namespace Bench.Hardware.Simulation.Cellular;

/// <summary>The cellular module has no data session to open a socket on.</summary>
/// <param name="state">The module's state at the time.</param>
/// <param name="message">What is missing, e.g. <c>no data session: SIM unpowered</c>.</param>
public sealed class CellularServiceException(CellularServiceState state, string message) : IOException(message)
{
    /// <summary>The module's state when the socket was refused.</summary>
    public CellularServiceState State { get; } = state;
}
