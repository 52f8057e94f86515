using System.Net.Sockets;

namespace Bench.SimulatedTerminal.Modem;

/// <summary>How every TCP-carrying modem drops its socket: at once, with a reset, as a terminal that gives up or loses power does.</summary>
internal static class AbortiveClose
{
    /// <summary>Closes the socket held in <paramref name="slot"/> (if any) with RST and empties the slot; safe from any thread.</summary>
    public static void Close(ref Socket? slot)
    {
        var open = Interlocked.Exchange(ref slot, null);
        if (open is null) return;
        try { open.LingerState = new LingerOption(true, 0); } catch (SocketException) { } catch (ObjectDisposedException) { }
        open.Dispose();
    }
}
