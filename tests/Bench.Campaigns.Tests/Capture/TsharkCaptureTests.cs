using Bench.Codec;
using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>capture.pcap read by tshark, as a user would: one conversation per terminal connection, the recorded bytes in it.</summary>
public sealed class TsharkCaptureTests
{
    [Test]
    public async Task Tshark_lists_one_conversation_per_connection_carrying_the_recorded_bytes()
    {
        Tshark.RequireInstalled();
        using var recording = new HostRecording();
        var run = await recording.RecordAsync(
            index => [LoopbackTerminal.SignOn(1), LoopbackTerminal.Sale(2)],
            index => [LoopbackTerminal.Sale(3)],
            index => [LoopbackTerminal.SignOn(4)]);
        var path = Path.Combine(recording.Folder, CaptureExporter.FileName);
        CaptureExporter.Write(recording.Store, run, path);

        var conversations = await Tshark.ConversationsAsync(path);

        var connections = recording.Store.ReadFrames(run).GroupBy(frame => frame.ConnectionId).ToList();
        Assert.That(conversations, Has.Count.EqualTo(connections.Count), "one conversation per terminal connection");
        foreach (var (conversation, frames) in conversations.OrderBy(item => item.AddressA, StringComparer.Ordinal).Zip(connections))
        {
            var requests = frames.Where(frame => frame.Direction == FrameDirection.Received).ToList();
            var replies = frames.Where(frame => frame.Direction == FrameDirection.Sent).ToList();
            // Terminal: SYN, ACK, its frames, FIN, ACK. Host: SYN-ACK, its frames, FIN. Each packet 40 header bytes.
            Assert.Multiple(() =>
            {
                Assert.That(conversation.AddressA, Does.StartWith("10.0.0."), "the terminal's end");
                Assert.That(conversation.AddressB, Is.EqualTo("10.0.1.1:5000"), "the host's end");
                Assert.That(conversation.FramesToB, Is.EqualTo(requests.Count + 4));
                Assert.That(conversation.BytesToB, Is.EqualTo(requests.Sum(frame => Framing.PrefixLength + frame.Body.Length) + 40 * (requests.Count + 4)));
                Assert.That(conversation.FramesToA, Is.EqualTo(replies.Count + 2));
                Assert.That(conversation.BytesToA, Is.EqualTo(replies.Sum(frame => Framing.PrefixLength + frame.Body.Length) + 40 * (replies.Count + 2)));
            });
        }
    }

    [Test]
    public async Task Tshark_finds_every_checksum_right_and_nothing_amiss_in_the_streams()
    {
        Tshark.RequireInstalled();
        using var recording = new HostRecording();
        var run = await recording.RecordAsync(index => [LoopbackTerminal.SignOn(1), LoopbackTerminal.Sale(2)], index => [LoopbackTerminal.Sale(3)]);
        var path = Path.Combine(recording.Folder, CaptureExporter.FileName);
        CaptureExporter.Write(recording.Store, run, path);

        var checks = await Tshark.RunAsync(
            "-r", path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "tcp.analysis.flags", "-e", "tcp.stream", "-e", "tcp.len");
        var rows = checks.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
        var payloadPerStream = rows.GroupBy(row => row[3]).Select(stream => stream.Sum(row => int.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var recorded = recording.Store.ReadFrames(run).GroupBy(frame => frame.ConnectionId)
            .Select(frames => frames.Sum(frame => Framing.PrefixLength + frame.Body.Length)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(PcapFile.Read(path).Records.Count));
            // Status 1 is "Good" in tshark's checksum fields; 2 would be "Bad".
            Assert.That(rows.Select(row => (row[0], row[1])), Has.All.EqualTo(("1", "1")), checks);
            Assert.That(rows.Select(row => row[2]), Has.All.Empty, "no retransmission, lost segment or out-of-order warning");
            Assert.That(payloadPerStream, Is.EqualTo(recorded), "TCP payload per stream: the recorded frames with their prefixes");
        });
    }
}
