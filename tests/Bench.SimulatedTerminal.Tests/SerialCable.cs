using System.Net;
using System.Net.Sockets;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>A null-modem cable for tests: two connected loopback sockets, one stream per end (cancellable reads, like a pty's).</summary>
internal sealed class SerialCable : IDisposable
{
    private SerialCable(Stream terminalEnd, Stream controllerEnd)
    {
        TerminalEnd = terminalEnd;
        ControllerEnd = controllerEnd;
    }

    public Stream TerminalEnd { get; }
    public Stream ControllerEnd { get; }

    public static async Task<SerialCable> CreateAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accepting = listener.AcceptSocketAsync();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var server = await accepting;
        server.NoDelay = true;
        return new SerialCable(new NetworkStream(server, ownsSocket: true), new NetworkStream(client, ownsSocket: true));
    }

    public void Dispose()
    {
        TerminalEnd.Dispose();
        ControllerEnd.Dispose();
    }
}
