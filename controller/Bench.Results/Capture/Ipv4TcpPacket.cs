using System.Buffers.Binary;

namespace Bench.Results.Capture;

/// <summary>
/// Builds one IPv4 packet carrying one TCP segment, both headers without options (20 bytes each), with
/// correct IPv4 and TCP checksums, so Wireshark and tshark accept the packet as if it had been on a wire.
/// </summary>
public static class Ipv4TcpPacket
{
    public const int Ipv4HeaderLength = 20;
    public const int TcpHeaderLength = 20;
    public const int HeaderLength = Ipv4HeaderLength + TcpHeaderLength;

    /// <summary>The most payload one packet carries: IPv4's total length is 16 bits.</summary>
    public const int MaximumPayloadLength = ushort.MaxValue - HeaderLength;

    private const byte TimeToLive = 64;
    private const byte ProtocolTcp = 6;
    private const ushort DontFragment = 0x4000;
    private const ushort Window = ushort.MaxValue;

    /// <param name="source">The sender's address and port.</param>
    /// <param name="destination">The receiver's address and port.</param>
    /// <param name="identification">The IPv4 identification field: a per-sender counter.</param>
    /// <exception cref="ArgumentOutOfRangeException">The payload does not fit one IPv4 packet.</exception>
    public static byte[] Build(
        CaptureEndPoint source, CaptureEndPoint destination, uint sequence, uint acknowledgement, TcpFlags flags, ushort identification, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaximumPayloadLength)
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"a packet carries at most {MaximumPayloadLength} payload bytes");

        var packet = new byte[HeaderLength + payload.Length];
        var ip = packet.AsSpan(0, Ipv4HeaderLength);
        ip[0] = 0x45; // version 4, header length 5 words
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], DontFragment);
        ip[8] = TimeToLive;
        ip[9] = ProtocolTcp;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source.Address);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination.Address);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum(ip, 0));

        var tcp = packet.AsSpan(Ipv4HeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], flags.HasFlag(TcpFlags.Acknowledgement) ? acknowledgement : 0);
        tcp[12] = (TcpHeaderLength / 4) << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], Window);
        payload.CopyTo(tcp[TcpHeaderLength..]);
        // The pseudo-header (addresses, protocol, TCP length) is summed first, then the segment itself.
        var pseudoHeaderSum = (source.Address >> 16) + (source.Address & 0xFFFF) + (destination.Address >> 16) + (destination.Address & 0xFFFF)
            + ProtocolTcp + (uint)tcp.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum(tcp, pseudoHeaderSum));
        return packet;
    }

    /// <summary>RFC 1071: the one's complement of the one's complement sum of the 16-bit words (odd length padded with zero).</summary>
    public static ushort InternetChecksum(ReadOnlySpan<byte> data, uint initialSum)
    {
        ulong sum = initialSum;
        var index = 0;
        for (; index + 1 < data.Length; index += 2) sum += (uint)(data[index] << 8 | data[index + 1]);
        if (index < data.Length) sum += (uint)(data[index] << 8);
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
