using Bench.Results.Capture;

namespace Bench.Campaigns.Tests.Capture;

public sealed class PcapWriterTests
{
    [Test]
    public void The_file_header_and_a_record_are_laid_out_as_libpcap_reads_them()
    {
        using var buffer = new MemoryStream();
        using (var writer = new PcapWriter(buffer, ownsStream: false))
            writer.WritePacket(1_700_000_000_123_456_789, [0x45, 0x00, 0x00, 0x03]);

        var bytes = buffer.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(bytes.AsSpan(0, 24)), Is.EqualTo("4D3CB2A1" + "0200" + "0400" + "00000000" + "00000000" + "FFFF0000" + "65000000"));
            // 1_700_000_000 s = 0x6553F100; 123_456_789 ns = 0x075BCD15; both lengths 4.
            Assert.That(Convert.ToHexString(bytes.AsSpan(24, 16)), Is.EqualTo("00F15365" + "15CD5B07" + "04000000" + "04000000"));
            Assert.That(Convert.ToHexString(bytes.AsSpan(40)), Is.EqualTo("45000003"));
        });
    }

    [Test]
    public void The_ipv4_checksum_matches_the_textbook_example()
    {
        // The header of RFC 1071's usual worked example (Wikipedia "IPv4 header checksum"): checksum B861.
        var header = Convert.FromHexString("450000730000400040110000C0A80001C0A800C7");

        Assert.That(Ipv4TcpPacket.InternetChecksum(header, 0), Is.EqualTo(0xB861));
    }

    [Test]
    public void A_packet_too_long_for_ipv4_is_refused()
    {
        Assert.That(() => Ipv4TcpPacket.Build(new(1, 1), new(2, 2), 0, 0, TcpFlags.Push, 0, new byte[Ipv4TcpPacket.MaximumPayloadLength + 1]),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
