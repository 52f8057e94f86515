namespace Bench.Hardware.Simulation.Cellular;

/// <summary>Where a cellular module is on its way to a data session.</summary>
public enum CellularServiceState
{
    /// <summary>The module has no supply (the terminal is off).</summary>
    Unpowered,

    /// <summary>The SIM has no supply: no attach at all.</summary>
    NoSim,

    /// <summary>The signal is at or below the no-link level.</summary>
    NoSignal,

    /// <summary>Registering and attaching; <see cref="Hardware.CellularSettings.AttachTime"/> after the last obstacle went.</summary>
    Attaching,

    /// <summary>Registered with a data session.</summary>
    Registered,
}
