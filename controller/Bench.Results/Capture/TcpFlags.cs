namespace Bench.Results.Capture;

/// <summary>The TCP header's control bits the synthesized streams use (RFC 9293).</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Reset = 0x04,
    Push = 0x08,
    Acknowledgement = 0x10,
}
