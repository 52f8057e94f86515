using System.Net;
using Bench.Campaigns.Fixtures;
using Bench.Cli.Proxy;
using Bench.Codec;
using Bench.Hardware.Simulation.Link;
using Bench.Host;
using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>
/// <c>bench proxy</c>'s link in front of the built-in host on loopback: it records what the host records,
/// when the terminal sees it, and its faults show in those times.
/// </summary>
public sealed class RecordingProxyTests
{
    /// <summary>Sales wait 0.3 s for their reply, so every exchange has a gap worth comparing.</summary>
    private static readonly HostRuleSet SlowSales = HostRuleSetLoader.Parse("""
        name: slow-sales
        rules:
          - name: sales answered after 0.3 s
            match:
              mti: "0200"
            action: { kind: delay, delay: 300ms }
        """, "slow-sales.yaml");

    /// <summary>Two connections: sign-on and sale, then a sale alone.</summary>
    private static readonly IsoMessage[][] Scenario = [[LoopbackTerminal.SignOn(1), LoopbackTerminal.Sale(2)], [LoopbackTerminal.Sale(3)]];

    [Test]
    public async Task Through_the_proxy_the_same_frames_are_recorded_as_on_a_direct_connection()
    {
        using var recording = new HostRecording();
        var direct = await RunDirectAsync(recording.Store);
        var (proxied, hostSide) = await RunThroughProxyAsync(recording.Store, LinkFaults.None);

        var directFrames = recording.Store.ReadFrames(direct);
        var proxyFrames = recording.Store.ReadFrames(proxied);
        var hostFrames = recording.Store.ReadFrames(hostSide);
        Assert.Multiple(() =>
        {
            Assert.That(proxyFrames, Has.Count.EqualTo(6));
            Assert.That(proxyFrames.Select(Identity), Is.EqualTo(directFrames.Select(Identity)), "direction, MTI and STAN, frame by frame");
            Assert.That(proxyFrames.Select(frame => frame.ConnectionId).Distinct(), Is.EqualTo(new[] { "p1", "p2" }));
            Assert.That(proxyFrames.Select(frame => frame.Body), Is.EqualTo(hostFrames.Select(frame => frame.Body)), "the bytes the host saw, byte for byte");
            Assert.That(proxyFrames.Select(frame => frame.Summary), Is.EqualTo(hostFrames.Select(frame => frame.Summary)));
            Assert.That(recording.Store.ReadEvents(proxied, EventKinds.ConnectionOpened), Has.Count.EqualTo(2));
            Assert.That(recording.Store.ReadEvents(proxied, EventKinds.ConnectionClosed), Has.Count.EqualTo(2));
        });

        // The proxy stamps where the terminal is: a request before the host has it, a reply after the host sent it.
        var proxyGaps = ReplyGaps(proxyFrames);
        var hostGaps = ReplyGaps(hostFrames);
        for (var index = 0; index < proxyGaps.Count; index++)
        {
            Assert.That(proxyGaps[index], Is.GreaterThanOrEqualTo(hostGaps[index]), $"exchange {index}");
            // Generous for a loaded machine: it only shows the proxy adds loopback hops, not delays of its own.
            Assert.That(proxyGaps[index] - hostGaps[index], Is.LessThan(TimeSpan.FromMilliseconds(250)), $"exchange {index}");
        }

        var capture = Path.Combine(recording.Folder, "proxy.pcap");
        CaptureExporter.Write(recording.Store, proxied, capture);
        var streams = PcapFile.Read(capture).Packets.GroupBy(packet => packet.Stream).ToList();
        Assert.That(streams.Select(stream => stream.Count(packet => packet.Payload.Length > 0)), Is.EqualTo(new[] { 4, 2 }), "the proxy's run as a capture too");
    }

    [Test]
    public async Task A_latency_each_way_lengthens_every_recorded_reply_gap_by_both()
    {
        using var recording = new HostRecording();
        var latency = TimeSpan.FromMilliseconds(200);
        var faults = LinkFaults.None with
        {
            Upstream = new LinkConditions { Latency = latency },
            Downstream = new LinkConditions { Latency = latency },
        };

        var (proxied, hostSide) = await RunThroughProxyAsync(recording.Store, faults);

        var proxyGaps = ReplyGaps(recording.Store.ReadFrames(proxied));
        var hostGaps = ReplyGaps(recording.Store.ReadFrames(hostSide));
        Assert.That(proxyGaps, Has.Count.EqualTo(3));
        for (var index = 0; index < proxyGaps.Count; index++)
            Assert.That(proxyGaps[index], Is.GreaterThanOrEqualTo(hostGaps[index] + 2 * latency), $"exchange {index}: the request's and the reply's latency");
    }

    [Test]
    public async Task A_broken_frame_length_is_recorded_as_the_proxy_saw_it_and_the_bytes_still_pass()
    {
        using var recording = new HostRecording();
        var proxyRun = recording.Store.CreateRun("proxy");
        var hostRun = recording.Store.CreateRun("host");
        await using (var proxyRecorder = new FrameRecorder(recording.Store, proxyRun))
        await using (var hostRecorder = new FrameRecorder(recording.Store, hostRun))
        await using (var host = new HostSimulator(new HostOptions { Port = 0 }, HostRuleSet.ApproveAll, recorder: hostRecorder))
        {
            host.Start();
            await using var proxy = RecordingProxy.Start(new IPEndPoint(IPAddress.Loopback, 0), host.LocalEndPoint, LinkFaults.None, proxyRecorder);
            await using var terminal = await LoopbackTerminal.ConnectAsync(proxy.LocalEndPoint);
            await terminal.ExchangeAsync(LoopbackTerminal.SignOn(1));
            await terminal.SendRawAsync([0x00, 0x00, 0x01, 0x02]);
            await terminal.CloseAsync();
            await WhenProxyIdleAsync(proxy);
        }

        var proxyErrors = recording.Store.ReadEvents(proxyRun, EventKinds.ProtocolError);
        Assert.Multiple(() =>
        {
            Assert.That(recording.Store.ReadFrames(proxyRun).Select(frame => frame.Mti), Is.EqualTo(new[] { "0800", "0810" }));
            Assert.That(proxyErrors, Has.Count.EqualTo(1));
            Assert.That(proxyErrors.Single().Detail, Does.Contain("terminal to host: zero-length frame"));
            Assert.That(recording.Store.ReadEvents(hostRun, EventKinds.ProtocolError), Has.Count.EqualTo(1), "the host got the broken bytes too");
        });
    }

    [Test]
    public async Task A_connection_the_link_accepted_before_the_tap_was_attached_is_recorded_all_the_same()
    {
        using var recording = new HostRecording();
        var run = recording.Store.CreateRun("proxy");
        await using (var recorder = new FrameRecorder(recording.Store, run))
        await using (var host = new HostSimulator(new HostOptions { Port = 0 }, HostRuleSet.ApproveAll))
        {
            host.Start();
            await using var emulator = new LinkEmulator(host.LocalEndPoint, TimeProvider.System, new Random(1));
            await using var terminal = await LoopbackTerminal.ConnectAsync(emulator.LocalEndPoint);
            var deadline = DateTime.UtcNow + LoopbackTerminal.Patience;
            while (emulator.Connections.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.That(emulator.Connections, Has.Count.EqualTo(1), "accepted before the tap exists");

            using var tap = new LinkFrameTap(emulator, recorder);
            await terminal.ExchangeAsync(LoopbackTerminal.SignOn(1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(recording.Store.ReadFrames(run).Select(frame => (frame.ConnectionId, frame.Mti)), Is.EqualTo(new[] { ("p1", "0800"), ("p1", "0810") }));
            Assert.That(recording.Store.ReadEvents(run, EventKinds.ConnectionOpened).Select(item => item.ConnectionId), Is.EqualTo(new[] { "p1" }));
        });
    }

    private static (string Direction, string? Mti, string? Stan) Identity(StoredFrame frame) =>
        (frame.Direction.ToString(), frame.Mti, frame.Stan);

    /// <summary>Each request's time to its reply, in recorded order.</summary>
    private static List<TimeSpan> ReplyGaps(IReadOnlyList<StoredFrame> frames)
    {
        var gaps = new List<TimeSpan>();
        foreach (var connection in frames.GroupBy(frame => frame.ConnectionId))
        {
            var ordered = connection.ToList();
            for (var index = 0; index + 1 < ordered.Count; index += 2)
            {
                Assert.That((ordered[index].Direction, ordered[index + 1].Direction), Is.EqualTo((FrameDirection.Received, FrameDirection.Sent)));
                gaps.Add(TimeSpan.FromTicks((ordered[index + 1].TimestampNanoseconds - ordered[index].TimestampNanoseconds) / 100));
            }
        }
        return gaps;
    }

    private static async Task<long> RunDirectAsync(ResultsStore store)
    {
        var run = store.CreateRun("direct");
        await using (var recorder = new FrameRecorder(store, run))
        await using (var host = new HostSimulator(new HostOptions { Port = 0 }, SlowSales, recorder: recorder))
        {
            host.Start();
            await PlayScenarioAsync(host.LocalEndPoint);
            await HostRecording.WhenClosedAsync(host);
        }
        return run;
    }

    /// <returns>The proxy's run and the host's run of the same traffic.</returns>
    private static async Task<(long Proxy, long Host)> RunThroughProxyAsync(ResultsStore store, LinkFaults faults)
    {
        var proxyRun = store.CreateRun("proxy");
        var hostRun = store.CreateRun("host behind the proxy");
        await using (var proxyRecorder = new FrameRecorder(store, proxyRun))
        await using (var hostRecorder = new FrameRecorder(store, hostRun))
        await using (var host = new HostSimulator(new HostOptions { Port = 0 }, SlowSales, recorder: hostRecorder))
        {
            host.Start();
            await using var proxy = RecordingProxy.Start(new IPEndPoint(IPAddress.Loopback, 0), host.LocalEndPoint, faults, proxyRecorder);
            await PlayScenarioAsync(proxy.LocalEndPoint);
            await WhenProxyIdleAsync(proxy);
            await HostRecording.WhenClosedAsync(host);
        }
        return (proxyRun, hostRun);
    }

    private static async Task PlayScenarioAsync(IPEndPoint endPoint)
    {
        foreach (var requests in Scenario)
        {
            await using var terminal = await LoopbackTerminal.ConnectAsync(endPoint);
            foreach (var request in requests) await terminal.ExchangeAsync(request);
            await terminal.CloseAsync();
        }
    }

    /// <summary>Waits (bounded) until the link has closed every connection, so their closings are recorded.</summary>
    private static async Task WhenProxyIdleAsync(RecordingProxy proxy)
    {
        var deadline = DateTime.UtcNow + LoopbackTerminal.Patience;
        while (proxy.Emulator.Connections.Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.That(proxy.Emulator.Connections, Is.Empty, "connections the link should have closed");
    }
}
