using System.Buffers.Binary;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>
/// A pcap reader written for the tests, apart from the bench's writer, so a mistake shared by writer and
/// reader cannot hide: classic pcap, nanosecond or microsecond magic, raw IPv4 packets carrying TCP.
/// </summary>
internal sealed record PcapFile(uint Magic, ushort VersionMajor, ushort VersionMinor, uint SnapshotLength, uint LinkType, IReadOnlyList<PcapRecord> Records)
{
    public IEnumerable<TcpPacket> Packets => Records.Select(record => TcpPacket.Parse(record.Data));

    public static PcapFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var nanoseconds = magic switch
        {
            0xA1B23C4D => true,
            0xA1B2C3D4 => false,
            _ => throw new InvalidDataException($"not a little-endian classic pcap file: magic {magic:x8}"),
        };
        var records = new List<PcapRecord>();
        var offset = 24;
        while (offset < bytes.Length)
        {
            var header = bytes.AsSpan(offset, 16);
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var included = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            var original = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            if (included != original) throw new InvalidDataException($"record at {offset} truncated: {included} of {original} bytes");
            records.Add(new PcapRecord(seconds * 1_000_000_000L + fraction * (nanoseconds ? 1L : 1_000L), bytes.AsSpan(offset + 16, included).ToArray()));
            offset += 16 + included;
        }
        return new PcapFile(
            magic,
            BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)),
            records);
    }
}

internal sealed record PcapRecord(long UnixNanoseconds, byte[] Data);

/// <summary>One IPv4/TCP packet, its checksums checked by summing each header with its checksum in place (all ones when right).</summary>
internal sealed record TcpPacket(
    string Source, int SourcePort, string Destination, int DestinationPort, uint Sequence, uint Acknowledgement, byte Flags,
    byte[] Payload, bool Ipv4ChecksumValid, bool TcpChecksumValid, int TotalLength)
{
    public const byte Fin = 0x01, Syn = 0x02, Reset = 0x04, Push = 0x08, Ack = 0x10;

    public string Stream => string.CompareOrdinal($"{Source}:{SourcePort}", $"{Destination}:{DestinationPort}") < 0
        ? $"{Source}:{SourcePort}-{Destination}:{DestinationPort}"
        : $"{Destination}:{DestinationPort}-{Source}:{SourcePort}";

    public bool Has(byte flag) => (Flags & flag) == flag;

    public static TcpPacket Parse(byte[] packet)
    {
        if (packet[0] >> 4 != 4) throw new InvalidDataException("not IPv4");
        var ipHeaderLength = (packet[0] & 0x0F) * 4;
        var totalLength = packet[2] << 8 | packet[3];
        if (totalLength != packet.Length) throw new InvalidDataException($"IPv4 total length {totalLength}, packet {packet.Length} bytes");
        if (packet[9] != 6) throw new InvalidDataException($"protocol {packet[9]}, not TCP");
        var tcp = packet.AsSpan(ipHeaderLength);
        var tcpHeaderLength = (tcp[12] >> 4) * 4;
        var pseudo = new byte[12 + tcp.Length];
        packet.AsSpan(12, 8).CopyTo(pseudo);
        pseudo[9] = 6;
        pseudo[10] = (byte)(tcp.Length >> 8);
        pseudo[11] = (byte)tcp.Length;
        tcp.CopyTo(pseudo.AsSpan(12));
        return new TcpPacket(
            $"{packet[12]}.{packet[13]}.{packet[14]}.{packet[15]}", tcp[0] << 8 | tcp[1],
            $"{packet[16]}.{packet[17]}.{packet[18]}.{packet[19]}", tcp[2] << 8 | tcp[3],
            BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]), BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]), tcp[13],
            tcp[tcpHeaderLength..].ToArray(),
            OnesComplementSum(packet.AsSpan(0, ipHeaderLength)) == 0xFFFF,
            OnesComplementSum(pseudo) == 0xFFFF,
            totalLength);
    }

    private static int OnesComplementSum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (var index = 0; index < data.Length; index += 2)
            sum += data[index] << 8 | (index + 1 < data.Length ? data[index + 1] : 0);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (int)sum;
    }
}
