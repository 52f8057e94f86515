using System.Globalization;
using System.Net.Sockets;
using Bench.Hardware.Simulation.Cellular;

namespace Bench.SimulatedTerminal.Modem;

/// <summary>
/// The firmware's driver for its cellular module: waits for registration, then opens a TCP socket through
/// the module's data session. Registration and the socket together must come within the connect timeout.
/// A SIM cut or a lost signal resets the socket, which the firmware sees as its connection ending.
/// </summary>
/// <param name="module">The module (on the simulated rig: <see cref="SimulatedCellularNetwork.Module"/>).</param>
/// <param name="connectTimeout">The profile's connect timeout.</param>
/// <param name="time">The terminal's clock.</param>
public sealed class CellularModemDriver(CellularModule module, TimeSpan connectTimeout, TimeProvider time) : IModem
{
    private Socket? socket;

    public string Medium => "cellular";

    public event Action<string>? Connected;

    public void BeginPreDial(CancellationToken power)
    {
        // Nothing to start: the module registers by itself whenever it has power, SIM and signal.
    }

    /// <exception cref="ModemException"><c>NO SERVICE</c> when not registered in time or the session ended, <c>CONNECT FAILED</c>, <c>TIMEOUT</c>.</exception>
    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        HangUp();
        using var timer = new CancellationTokenSource(connectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await module.WaitForRegistrationAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModemException("NO SERVICE", $"not registered within {connectTimeout}: {module.Describe()}");
        }

        Socket opened;
        try
        {
            opened = await module.OpenSocketAsync(linked.Token);
        }
        catch (CellularServiceException exception)
        {
            throw new ModemException("NO SERVICE", exception.Message);
        }
        catch (SocketException exception)
        {
            throw new ModemException("CONNECT FAILED", $"{module.Link.UpstreamEndPoint}: {exception.Message}");
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModemException("TIMEOUT", $"no connection to {module.Link.UpstreamEndPoint} within {connectTimeout}");
        }

        socket = opened;
        Connected?.Invoke(string.Create(CultureInfo.InvariantCulture, $"PDP ACTIVE RSRP {module.RsrpDbm:0.#} dBm"));
        return new NetworkStream(opened, ownsSocket: true);
    }

    public void HangUp() => AbortiveClose.Close(ref socket);

    public ValueTask DisposeAsync()
    {
        HangUp();
        return ValueTask.CompletedTask;
    }
}
