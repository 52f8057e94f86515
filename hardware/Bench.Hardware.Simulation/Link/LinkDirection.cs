namespace Bench.Hardware.Simulation.Link;

/// <summary>Which way bytes cross an emulated link.</summary>
public enum LinkDirection
{
    /// <summary>From the accepted client (the terminal) to the upstream end point (the host).</summary>
    Upstream,

    /// <summary>From the upstream end point (the host) back to the client (the terminal).</summary>
    Downstream,
}
