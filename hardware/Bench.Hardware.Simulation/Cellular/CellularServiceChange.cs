namespace Bench.Hardware.Simulation.Cellular;

/// <summary>A cellular module's service changed.</summary>
/// <param name="State">The state now.</param>
/// <param name="Session">The data session now; set only when <paramref name="State"/> is <see cref="CellularServiceState.Registered"/>.</param>
/// <param name="EndedSession">The session this change ended (every connection on it was reset), if any.</param>
/// <param name="RsrpDbm">The signal at the time.</param>
/// <param name="Timestamp">When (the module's clock).</param>
public sealed record CellularServiceChange(
    CellularServiceState State, CellularSession? Session, CellularSession? EndedSession, double RsrpDbm, long Timestamp);
