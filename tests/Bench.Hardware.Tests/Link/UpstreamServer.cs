using System.Net;
using System.Net.Sockets;

namespace Bench.Hardware.Tests.Link;

/// <summary>The far end of a link under test: a loopback listener whose accepted sockets the test reads and writes.</summary>
internal sealed class UpstreamServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> accepted = [];

    public UpstreamServer() => listener.Start();

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    public async Task<Socket> AcceptAsync()
    {
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        Socket socket = await listener.AcceptSocketAsync(bound.Token);
        socket.NoDelay = true;
        accepted.Add(socket);
        return socket;
    }

    public void Dispose()
    {
        listener.Stop();
        foreach (Socket socket in accepted)
        {
            socket.Dispose();
        }
    }
}
