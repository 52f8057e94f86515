namespace Bench.Results.Capture;

/// <summary>
/// The TCP packets of one terminal connection, synthesized from what was recorded: the three-way
/// handshake, one segment per frame (its 2-byte length prefix included), and the close. Sequence and
/// acknowledgement numbers follow the bytes each side sent, so Wireshark reassembles the stream and
/// finds nothing missing. Not thread-safe.
/// </summary>
public sealed class SynthesizedTcpStream
{
    private uint terminalNext;
    private uint hostNext;
    private ushort terminalIdentification;
    private ushort hostIdentification;

    /// <param name="terminal">The terminal's end (the side that opens the connection).</param>
    /// <param name="host">The host's end.</param>
    /// <param name="terminalInitialSequence">The terminal's initial sequence number; the host's is derived from it.</param>
    public SynthesizedTcpStream(CaptureEndPoint terminal, CaptureEndPoint host, uint terminalInitialSequence)
    {
        Terminal = terminal;
        Host = host;
        terminalNext = terminalInitialSequence;
        // Any other value would do: distinct from the terminal's so the two directions are never confused.
        hostNext = terminalInitialSequence ^ 0x5A5A_0000u;
    }

    public CaptureEndPoint Terminal { get; }

    public CaptureEndPoint Host { get; }

    /// <summary>Payload bytes the terminal sent so far (frames with their prefixes).</summary>
    public long TerminalPayloadBytes { get; private set; }

    /// <summary>Payload bytes the host sent so far.</summary>
    public long HostPayloadBytes { get; private set; }

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public IReadOnlyList<byte[]> Open()
    {
        var syn = FromTerminal(TcpFlags.Syn, []);
        terminalNext++;
        var synAcknowledged = FromHost(TcpFlags.Syn | TcpFlags.Acknowledgement, []);
        hostNext++;
        return [syn, synAcknowledged, FromTerminal(TcpFlags.Acknowledgement, [])];
    }

    /// <summary>One data segment (PSH, ACK) carrying <paramref name="payload"/> from the terminal or from the host.</summary>
    public byte[] Data(bool fromTerminal, ReadOnlySpan<byte> payload)
    {
        const TcpFlags flags = TcpFlags.Push | TcpFlags.Acknowledgement;
        if (fromTerminal)
        {
            var segment = FromTerminal(flags, payload);
            terminalNext += (uint)payload.Length;
            TerminalPayloadBytes += payload.Length;
            return segment;
        }

        var reply = FromHost(flags, payload);
        hostNext += (uint)payload.Length;
        HostPayloadBytes += payload.Length;
        return reply;
    }

    /// <summary>An orderly close: FIN from the side that closed first, the other's FIN, the last ACK.</summary>
    public IReadOnlyList<byte[]> Close(bool terminalClosedFirst)
    {
        const TcpFlags finish = TcpFlags.Fin | TcpFlags.Acknowledgement;
        if (terminalClosedFirst)
        {
            var first = FromTerminal(finish, []);
            terminalNext++;
            var second = FromHost(finish, []);
            hostNext++;
            return [first, second, FromTerminal(TcpFlags.Acknowledgement, [])];
        }

        var hostFirst = FromHost(finish, []);
        hostNext++;
        var terminalSecond = FromTerminal(finish, []);
        terminalNext++;
        return [hostFirst, terminalSecond, FromHost(TcpFlags.Acknowledgement, [])];
    }

    /// <summary>An abortive close: a reset from the terminal's side (the connection was lost).</summary>
    public byte[] Reset() => FromTerminal(TcpFlags.Reset | TcpFlags.Acknowledgement, []);

    private byte[] FromTerminal(TcpFlags flags, ReadOnlySpan<byte> payload) =>
        Ipv4TcpPacket.Build(Terminal, Host, terminalNext, hostNext, flags, terminalIdentification++, payload);

    private byte[] FromHost(TcpFlags flags, ReadOnlySpan<byte> payload) =>
        Ipv4TcpPacket.Build(Host, Terminal, hostNext, terminalNext, flags, hostIdentification++, payload);
}
