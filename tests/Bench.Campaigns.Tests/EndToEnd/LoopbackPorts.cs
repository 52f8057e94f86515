using System.Net;
using System.Net.Sockets;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>Ports on loopback for a host whose port a rig file must name before it listens.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free on loopback a moment ago (the system's choice for a listener on port 0).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
