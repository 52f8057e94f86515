using System.Buffers.Binary;

namespace Bench.Results.Capture;

/// <summary>
/// Writes a classic libpcap file (not pcapng): the nanosecond-resolution variant (magic <c>a1b23c4d</c>,
/// little-endian, version 2.4) with link type <see cref="LinkTypeRaw"/>, so each record is one IPv4
/// packet with no link-layer header. Wireshark, tshark and tcpdump read it.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    /// <summary>The magic number of pcap files whose timestamps have nanosecond fractions.</summary>
    public const uint NanosecondMagic = 0xA1B23C4D;

    /// <summary>LINKTYPE_RAW: the packet begins with its IP header.</summary>
    public const uint LinkTypeRaw = 101;

    /// <summary>The longest packet recorded whole; an IPv4 packet is never longer.</summary>
    public const int SnapshotLength = ushort.MaxValue;

    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Stream stream;
    private readonly bool ownsStream;
    private readonly byte[] recordHeader = new byte[RecordHeaderLength];

    /// <summary>Writes the file header at once.</summary>
    public PcapWriter(Stream stream, bool ownsStream = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.ownsStream = ownsStream;
        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0); // timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // accuracy: unstated, as every writer does
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapshotLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        stream.Write(header);
    }

    /// <summary>Packets written so far.</summary>
    public long PacketsWritten { get; private set; }

    /// <param name="unixNanoseconds">When the packet was on the wire: nanoseconds since 1970-01-01 UTC.</param>
    /// <exception cref="ArgumentOutOfRangeException">Before 1970, or longer than <see cref="SnapshotLength"/>.</exception>
    public void WritePacket(long unixNanoseconds, ReadOnlySpan<byte> packet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixNanoseconds);
        if (packet.Length > SnapshotLength)
            throw new ArgumentOutOfRangeException(nameof(packet), packet.Length, $"a packet is at most {SnapshotLength} bytes");
        var seconds = Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out var nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(4), (uint)nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(8), (uint)packet.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(12), (uint)packet.Length);
        stream.Write(recordHeader);
        stream.Write(packet);
        PacketsWritten++;
    }

    public void Dispose()
    {
        stream.Flush();
        if (ownsStream) stream.Dispose();
    }
}
