using System.Net;

namespace Bench.Hardware;

/// <summary>
/// Where the host simulator listens for a real rig's terminal on the bench network (rig file section
/// <c>host:</c>): loopback and an ephemeral port unless the rig file says otherwise.
/// </summary>
public sealed record HostListenDefinition
{
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks an ephemeral port (the terminal must then be told the bound one).</summary>
    public int Port { get; init; }
}
