using System.Net.Sockets;
using Bench.Codec;
using Bench.SimulatedTerminal.Modem;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>The firmware's host link: connecting, and one request/reply exchange under the response timer.</summary>
public sealed partial class SimulatedTerminal
{
    /// <summary>The open connection, or a new one within the connect timeout; null when the host cannot be reached.</summary>
    private async Task<HostConnection?> EnsureConnectedAsync(PowerSession power)
    {
        if (power.Connection is { IsOpen: true } open) return open;
        DropConnection(power);
        await WriteHostLinkAsync(power, EcrProtocol.Connecting);
        HostConnection connection;
        try
        {
            connection = await HostConnection.OpenAsync(modem, power.Token, Bugs.ReadLoopTruncatesSplitReply);
        }
        catch (ModemException exception)
        {
            Print(power, $"MODEM {exception.Result}: {exception.Message}");
            if (exception.Result == "NO CARRIER") await WriteHostLinkAsync(power, EcrProtocol.NoCarrier);
            return null;
        }
        lock (gate)
        {
            // A cut during the connect must not leave a live socket behind.
            if (!power.IsAlive)
            {
                connection.Dispose();
                throw new OperationCanceledException(power.Token);
            }
            power.Connection = connection;
        }
        await WriteHostLinkAsync(power, EcrProtocol.Connected);
        return connection;
    }

    /// <summary>An ECR line about the host link: printed unless the terminal keeps its link to itself (<see cref="SimulatedTerminalOptions.EcrShowsHostLink"/>).</summary>
    private async Task WriteHostLinkAsync(PowerSession power, string line)
    {
        if (options.EcrShowsHostLink) await WriteEcrAsync(power, line);
    }

    private void DropConnection(PowerSession power)
    {
        lock (gate)
        {
            power.Connection?.Dispose();
            power.Connection = null;
        }
    }

    /// <summary>Closes the connection at the end of a transaction unless the terminal keeps a long connection.</summary>
    private void EndOfTransactionConnection(PowerSession power)
    {
        if (!options.KeepConnectionOpen) DropConnection(power);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits, for at most the profile's response timeout from
    /// just before the send, for the reply with the response MTI and the same STAN. Replies to
    /// other STANs are shown as IGNORED and the wait goes on (unless the firmware carries the
    /// late-reply bug). <paramref name="sentLine"/> is printed on the ECR port once the request left.
    /// </summary>
    /// <param name="timerStartedAt">
    /// When the response timer started, if earlier than now (the responseTimerIncludesConnect bug): only what is
    /// left of the timeout is waited, and a timer already run out still sends the request, then gives up at once.
    /// </param>
    private async Task<HostReply> ExchangeAsync(
        PowerSession power, HostConnection connection, IsoMessage request, string? sentLine, bool acceptAnyStan = false, DateTimeOffset? timerStartedAt = null)
    {
        var expectedMti = MessageTypes.ResponseTo(request.Mti);
        var stan = request.Required(11);
        // The timer starts before the bytes leave, so a host that sees the request knows the timer runs.
        var remaining = profile.ResponseTimeout - (timerStartedAt is { } startedAt ? time.GetUtcNow() - startedAt : TimeSpan.Zero);
        using var timer = remaining > TimeSpan.Zero ? new CancellationTokenSource(remaining, time) : new CancellationTokenSource();
        if (remaining <= TimeSpan.Zero) timer.Cancel();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, power.Token);
        try
        {
            await connection.SendAsync(IsoCodec.Cup.EncodeFrame(request), remaining > TimeSpan.Zero ? wait.Token : power.Token);
        }
        catch (Exception exception) when (power.IsAlive && exception is IOException or SocketException or ObjectDisposedException)
        {
            Print(power, $"TX {request.Mti} FAILED {exception.Message}");
            DropConnection(power);
            return HostReply.ConnectionLost;
        }
        Print(power, "TX " + request);
        if (sentLine is not null) await WriteEcrAsync(power, sentLine);

        try
        {
            while (true)
            {
                var frame = await connection.ReceiveAsync(wait.Token);
                if (frame is null)
                {
                    Print(power, "HOST CLOSED THE CONNECTION");
                    DropConnection(power);
                    return HostReply.ConnectionLost;
                }
                IsoMessage reply;
                try
                {
                    reply = IsoCodec.Cup.Decode(frame.Body);
                }
                catch (IsoDecodeException exception)
                {
                    Print(power, "RX UNDECODABLE " + exception.Message);
                    continue;
                }
                Print(power, "RX " + reply);
                var replyStan = reply.Stan ?? "000000";
                if (reply.Mti != expectedMti || (replyStan != stan && !acceptAnyStan))
                {
                    await WriteHostLinkAsync(power, EcrProtocol.Ignored(reply.Mti, replyStan));
                    continue;
                }
                await WriteHostLinkAsync(power, EcrProtocol.Received(reply.Mti, replyStan, reply.ResponseCode ?? EcrProtocol.EmptyField));
                return new HostReply(HostReply.Ending.Received, reply);
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !power.Token.IsCancellationRequested)
        {
            Print(power, $"NO {expectedMti} STAN {stan} WITHIN {profile.ResponseTimeout}");
            return HostReply.TimedOut;
        }
    }

    /// <summary>
    /// A reply's MAC is acceptable when it verifies; a reply without field 64 is accepted only
    /// when it is not an approval (CUP hosts leave the MAC off most error replies).
    /// </summary>
    private bool IsMacAcceptable(PowerSession power, IsoMessage reply) =>
        reply.Has(64) ? VerifiesMac(power, reply) : reply.ResponseCode != ResponseCodes.Approved;
}
