using System.Globalization;
using Bench.Codec;
using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>capture.pcap from what the host recorded, read back with the tests' own pcap reader.</summary>
public sealed class CaptureExporterTests
{
    /// <summary>The PAN's first 16 digits packed as BCD: present wherever the full card number is.</summary>
    private static readonly byte[] PanBcd = Convert.FromHexString(LoopbackTerminal.Pan[..16]);

    private static IEnumerable<IsoMessage> SignOnAndSale(int index) => [LoopbackTerminal.SignOn(index * 10 + 1), LoopbackTerminal.Sale(index * 10 + 2)];

    [Test]
    public async Task Each_terminal_connection_is_one_tcp_stream_opened_carrying_its_frames_and_closed()
    {
        using var recording = new HostRecording();
        var run = await recording.RecordAsync(SignOnAndSale, SignOnAndSale, SignOnAndSale);
        var path = Path.Combine(recording.Folder, CaptureExporter.FileName);

        var summary = CaptureExporter.Write(recording.Store, run, path);

        var capture = PcapFile.Read(path);
        var frames = recording.Store.ReadFrames(run);
        var streams = capture.Packets.GroupBy(packet => packet.Stream).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(capture.Magic, Is.EqualTo(0xA1B23C4Du), "nanosecond pcap");
            Assert.That((capture.VersionMajor, capture.VersionMinor), Is.EqualTo(((ushort)2, (ushort)4)));
            Assert.That(capture.LinkType, Is.EqualTo(101u), "LINKTYPE_RAW");
            Assert.That(capture.SnapshotLength, Is.EqualTo(65535u));
            Assert.That(summary.Connections, Is.EqualTo(3));
            Assert.That(summary.Frames, Is.EqualTo(12));
            Assert.That(summary.Packets, Is.EqualTo(capture.Records.Count));
            Assert.That(streams, Has.Count.EqualTo(3), "one stream per connection");
            Assert.That(capture.Packets.All(packet => packet.Ipv4ChecksumValid && packet.TcpChecksumValid), "every checksum right");
        });

        foreach (var (stream, connection) in streams.Zip(frames.GroupBy(frame => frame.ConnectionId)))
        {
            var packets = stream.ToList();
            var terminal = (packets[0].Source, packets[0].SourcePort);
            Assert.Multiple(() =>
            {
                Assert.That(packets.Take(3).Select(packet => packet.Flags), Is.EqualTo(new[] { TcpPacket.Syn, (byte)(TcpPacket.Syn | TcpPacket.Ack), TcpPacket.Ack }), "handshake");
                // The terminal closed first (the host recorded "peer closed").
                Assert.That(packets.TakeLast(3).Select(packet => packet.Flags), Is.EqualTo(new[] { (byte)(TcpPacket.Fin | TcpPacket.Ack), (byte)(TcpPacket.Fin | TcpPacket.Ack), TcpPacket.Ack }), "close");
                Assert.That(packets.TakeLast(3).Select(packet => (packet.Source, packet.SourcePort) == terminal), Is.EqualTo(new[] { true, false, true }));
                Assert.That(packets[0].Source, Does.StartWith("10.0.0."));
                Assert.That((packets[0].Destination, packets[0].DestinationPort), Is.EqualTo(("10.0.1.1", 5000)));
            });

            var data = packets.Where(packet => packet.Payload.Length > 0).ToList();
            var expected = connection.Select(frame => (frame.Direction == FrameDirection.Received, Prefixed(CardDataMask.Mask(frame.Body).Body))).ToList();
            Assert.That(data.Select(packet => ((packet.Source, packet.SourcePort) == terminal, packet.Payload)), Is.EqualTo(expected),
                "each frame one segment, its 2-byte length prefix included, in recorded order and direction");
            AssertSequenceNumbersFollowTheBytes(packets, terminal);
        }
    }

    [Test]
    public async Task Packet_times_are_the_recorded_times_placed_on_the_run_start()
    {
        using var recording = new HostRecording();
        var run = await recording.RecordAsync(SignOnAndSale, SignOnAndSale);
        var path = Path.Combine(recording.Folder, CaptureExporter.FileName);

        CaptureExporter.Write(recording.Store, run, path);

        var stored = recording.Store.ReadRuns().Single(candidate => candidate.Id == run);
        var startedUnix = (DateTimeOffset.Parse(stored.StartedUtc, CultureInfo.InvariantCulture).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        var dataTimes = PcapFile.Read(path).Records
            .Where(record => TcpPacket.Parse(record.Data).Payload.Length > 0)
            .Select(record => record.UnixNanoseconds).ToList();
        var frameTimes = recording.Store.ReadFrames(run).Select(frame => frame.TimestampNanoseconds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stored.StartedNanoseconds, Is.Not.Null);
            Assert.That(dataTimes, Is.EqualTo(frameTimes.Select(time => startedUnix + time - stored.StartedNanoseconds!.Value)), "to the nanosecond");
            Assert.That(dataTimes, Is.Ordered, "packets in time order");
        });
    }

    [Test]
    public async Task Card_numbers_are_masked_in_the_capture_even_when_the_store_keeps_raw_frames()
    {
        using var recording = new HostRecording(keepRawFrames: true);
        var run = await recording.RecordAsync(SignOnAndSale);
        var masked = Path.Combine(recording.Folder, "masked.pcap");
        var raw = Path.Combine(recording.Folder, "raw.pcap");

        CaptureExporter.Write(recording.Store, run, masked);
        CaptureExporter.Write(recording.Store, run, raw, new CaptureOptions { KeepRawFrames = true });

        var maskedSale = SaleRequest(masked);
        var rawSale = SaleRequest(raw);
        Assert.Multiple(() =>
        {
            Assert.That(Contains(File.ReadAllBytes(masked), PanBcd), Is.False, "no full PAN anywhere in the masked capture");
            Assert.That(maskedSale[2], Is.EqualTo("6222020000000000123"), "first 6 and last 4 kept, the rest zeroed, still BCD");
            Assert.That(maskedSale[35], Does.StartWith("6222020000000000123="));
            Assert.That(Contains(File.ReadAllBytes(raw), PanBcd), Is.True, "a raw capture is byte for byte");
            Assert.That(rawSale[2], Is.EqualTo(LoopbackTerminal.Pan));
        });
    }

    [Test]
    public void A_connection_id_used_again_later_is_a_new_stream_and_an_unannounced_one_still_gets_one()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var run = store.CreateRun("synthetic");
        var start = store.ReadRuns().Single().StartedNanoseconds!.Value;
        var sale = IsoCodec.Cup.Encode(LoopbackTerminal.Sale(1));
        var records = new List<(long, string, string)>
        {
            (start + 1_000, EventKinds.ConnectionOpened, """{"connection":"c1"}"""),
            (start + 4_000, EventKinds.ConnectionClosed, """{"connection":"c1","reason":"peer closed"}"""),
            (start + 5_000, EventKinds.ConnectionOpened, """{"connection":"c1"}"""),
            (start + 9_000, EventKinds.ConnectionClosed, """{"connection":"c1","reason":"connection lost: reset by peer"}"""),
        };
        using (var recorder = new FrameRecorderScope(store, run))
        {
            foreach (var (time, kind, detail) in records) recorder.Recorder.Record(new EventRecord(time, "host", kind, detail) { ConnectionId = "c1" });
            recorder.Recorder.Record(new FrameRecord(start + 2_000, "c1", FrameDirection.Received, sale, null));
            recorder.Recorder.Record(new FrameRecord(start + 6_000, "c1", FrameDirection.Received, sale, null));
            recorder.Recorder.Record(new FrameRecord(start + 7_000, "c2", FrameDirection.Received, sale, null));
        }
        var path = Path.Combine(folder.Path, "capture.pcap");

        var summary = CaptureExporter.Write(store, run, path);

        var streams = PcapFile.Read(path).Packets.GroupBy(packet => packet.Stream).Select(stream => stream.ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Connections, Is.EqualTo(3));
            Assert.That(streams.Select(stream => stream.Count(packet => packet.Payload.Length > 0)), Is.EqualTo(new[] { 1, 1, 1 }));
            Assert.That(streams[0].Count(packet => packet.Has(TcpPacket.Fin)), Is.EqualTo(2), "closed in order: a FIN each way");
            Assert.That(streams[1].Last().Has(TcpPacket.Reset), "a lost connection ends with a reset");
            Assert.That(streams[2].Any(packet => packet.Has(TcpPacket.Fin) || packet.Has(TcpPacket.Reset)), Is.False, "never closed: no close invented");
        });
    }

    [Test]
    public void A_run_the_store_does_not_hold_is_refused_by_name()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));

        Assert.That(() => CaptureExporter.Write(store, 42, Path.Combine(folder.Path, "capture.pcap")),
            Throws.ArgumentException.With.Message.Contain("holds no run 42"));
    }

    private static IsoMessage SaleRequest(string capture) =>
        PcapFile.Read(capture).Packets
            .Where(packet => packet.Payload.Length > 0 && packet.DestinationPort == 5000)
            .Select(packet => IsoCodec.Cup.Decode(packet.Payload.AsSpan(Framing.PrefixLength)))
            .Single(message => message.Mti == "0200");

    private static byte[] Prefixed(byte[] body)
    {
        var wire = new byte[Framing.PrefixLength + body.Length];
        Framing.WritePrefix(wire, body.Length);
        body.CopyTo(wire, Framing.PrefixLength);
        return wire;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Each side's sequence number grows by its payload (SYN and FIN count one); every ACK names the other side's next byte.</summary>
    private static void AssertSequenceNumbersFollowTheBytes(IReadOnlyList<TcpPacket> packets, (string, int) terminal)
    {
        var next = new Dictionary<bool, uint>();
        foreach (var packet in packets)
        {
            var fromTerminal = (packet.Source, packet.SourcePort) == terminal;
            if (next.TryGetValue(fromTerminal, out var expected))
                Assert.That(packet.Sequence, Is.EqualTo(expected), $"sequence of {packet}");
            if (packet.Has(TcpPacket.Ack))
                Assert.That(packet.Acknowledgement, Is.EqualTo(next[!fromTerminal]), $"acknowledgement of {packet}");
            next[fromTerminal] = packet.Sequence + (uint)packet.Payload.Length + (packet.Has(TcpPacket.Syn) || packet.Has(TcpPacket.Fin) ? 1u : 0u);
        }
    }

    /// <summary>A recorder whose queue is committed when the scope ends.</summary>
    private sealed class FrameRecorderScope(ResultsStore store, long run) : IDisposable
    {
        public FrameRecorder Recorder { get; } = new(store, run);

        public void Dispose() => Recorder.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
