using System.Net;
using System.Net.Sockets;

namespace Bench.SimulatedTerminal.Modem;

/// <summary>
/// The Ethernet "modem": a TCP connection to the host within the connect timeout. Also the
/// data path of any medium that ends in TCP (a cellular module's socket goes through the same code).
/// </summary>
public sealed class EthernetModem(EndPoint host, TimeSpan connectTimeout, TimeProvider time) : IModem
{
    private Socket? socket;

    public string Medium => "ethernet";

    public event Action<string>? Connected;

    public void BeginPreDial(CancellationToken power)
    {
        // Nothing to prepare: a LAN is always there.
    }

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        HangUp();
        var stream = await ConnectAsync(host, connectTimeout, time, cancellationToken);
        socket = stream.Socket;
        Connected?.Invoke($"TCP {host}");
        return stream;
    }

    /// <summary>Connects within <paramref name="timeout"/> (terminal time).</summary>
    /// <exception cref="ModemException">Refused, unreachable, or the timer ran out.</exception>
    public static async Task<NetworkStream> ConnectAsync(EndPoint host, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        var socket = new Socket(host.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : host.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        try
        {
            await socket.ConnectAsync(host, linked.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ModemException("TIMEOUT", $"no connection to {host} within {timeout}");
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new ModemException("CONNECT FAILED", $"{host}: {exception.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void HangUp() => AbortiveClose.Close(ref socket);

    public ValueTask DisposeAsync()
    {
        HangUp();
        return ValueTask.CompletedTask;
    }
}
