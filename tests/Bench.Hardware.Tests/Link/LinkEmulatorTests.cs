using System.Net.Sockets;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Link;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.Link;

[TestFixture]
public sealed class LinkEmulatorTests
{
    private FakeTimeProvider clock = null!;
    private UpstreamServer upstream = null!;
    private LinkEmulator link = null!;
    private LinkProbe probe = null!;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        upstream = new UpstreamServer();
        link = new LinkEmulator(upstream.EndPoint, clock, new Random(1));
        probe = new LinkProbe(link);
    }

    [TearDown]
    public async Task TearDown()
    {
        await link.DisposeAsync();
        upstream.Dispose();
    }

    [Test]
    public async Task Without_conditions_bytes_pass_both_ways_and_are_counted()
    {
        (Socket client, Socket server) = await ConnectAsync();

        await client.SendAsync(LinkProbe.Bytes(100));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 100), Is.EqualTo(LinkProbe.Bytes(100)));
        await server.SendAsync(LinkProbe.Bytes(30, 7));
        Assert.That(await LinkProbe.ReadExactlyAsync(client, 30), Is.EqualTo(LinkProbe.Bytes(30, 7)));
        await probe.NextDeliveredAsync();
        await probe.NextDeliveredAsync();

        LinkConnection connection = link.Connections.Single();
        Assert.Multiple(() =>
        {
            Assert.That(connection.Id, Is.EqualTo(1));
            Assert.That(connection.IsEstablished, Is.True);
            Assert.That(connection.ClientEndPoint, Is.EqualTo(client.LocalEndPoint));
            Assert.That(connection.BytesUpstream, Is.EqualTo(100));
            Assert.That(connection.BytesDownstream, Is.EqualTo(30));
            Assert.That(link.BytesUpstream, Is.EqualTo(100));
            Assert.That(link.BytesDownstream, Is.EqualTo(30));
        });

        client.Shutdown(SocketShutdown.Send);
        Assert.That(await LinkProbe.ReadToEndAsync(server), Is.Null, "a FIN passes as an orderly end");
    }

    [Test]
    public async Task Latency_delays_delivery_by_exactly_its_value_on_the_shared_clock()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Upstream.Set("test", new LinkConditions { Latency = TimeSpan.FromSeconds(2) });

        await client.SendAsync(LinkProbe.Bytes(20));
        LinkChunk received = await probe.NextReceivedAsync();
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        await LinkProbe.Quiet();
        Assert.That(probe.Deliveries, Is.Zero, "not before the latency");
        Assert.That(server.Available, Is.Zero);

        LinkDelivery delivered = await LinkProbe.AdvanceUntilAsync(clock, probe.NextDeliveredAsync(), TimeSpan.FromMilliseconds(1));

        Assert.That(clock.GetElapsedTime(received.Timestamp, delivered.DueTimestamp), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(delivered.DeliveredTimestamp, Is.GreaterThanOrEqualTo(delivered.DueTimestamp));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 20), Is.EqualTo(LinkProbe.Bytes(20)));
    }

    [Test]
    public async Task Latency_at_the_stations_time_scale_is_measured_within_a_tolerance()
    {
        // The station runs the terminal's clock 20x faster than real time; the emulator waits on that clock.
        var scaled = new ScaledTimeProvider(20);
        await using var scaledLink = new LinkEmulator(upstream.EndPoint, scaled, new Random(1));
        scaledLink.Downstream.Set("test", new LinkConditions { Latency = TimeSpan.FromSeconds(4) });
        Socket client = await LinkProbe.ConnectAsync(scaledLink.LocalEndPoint);
        Socket server = await upstream.AcceptAsync();

        long sent = scaled.GetTimestamp();
        await server.SendAsync(LinkProbe.Bytes(10));
        await LinkProbe.ReadExactlyAsync(client, 10);
        TimeSpan measured = scaled.GetElapsedTime(sent);

        Assert.That(measured, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(measured, Is.LessThan(TimeSpan.FromSeconds(7)), "3 s of terminal time (150 ms of wall time) for scheduling");
        client.Dispose();
    }

    [Test]
    public async Task Bandwidth_limits_how_fast_bytes_arrive()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Upstream.Set("test", new LinkConditions { BandwidthBytesPerSecond = 100 });

        await client.SendAsync(LinkProbe.Bytes(300));
        LinkChunk received = await probe.NextReceivedAsync();
        clock.Advance(TimeSpan.FromSeconds(2.9));
        await LinkProbe.Quiet();
        Assert.That(server.Available, Is.Zero, "300 bytes at 100 B/s take 3 s");

        LinkDelivery delivered = await LinkProbe.AdvanceUntilAsync(clock, probe.NextDeliveredAsync(), TimeSpan.FromSeconds(0.1));

        Assert.That(clock.GetElapsedTime(received.Timestamp, delivered.DueTimestamp), Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 300), Is.EqualTo(LinkProbe.Bytes(300)));
    }

    [Test]
    public async Task A_blackhole_swallows_bytes_but_keeps_the_connection_open()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Upstream.Set("fault", new LinkConditions { Blackhole = true });

        await client.SendAsync(LinkProbe.Bytes(50));
        await probe.NextReceivedAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await LinkProbe.Quiet();
        Assert.That(server.Available, Is.Zero);
        Assert.That(link.BytesBlackholed, Is.EqualTo(50));
        Assert.That(link.Connections.Single().IsOpen, Is.True);

        link.Upstream.Remove("fault");
        await client.SendAsync(LinkProbe.Bytes(5, 200));

        Assert.That(await LinkProbe.ReadExactlyAsync(server, 5), Is.EqualTo(LinkProbe.Bytes(5, 200)), "only what came after the blackhole");
        await server.SendAsync(new byte[] { 1 });
        Assert.That(await LinkProbe.ReadExactlyAsync(client, 1), Is.EqualTo(new byte[] { 1 }), "the other direction was never blackholed");
    }

    [Test]
    public async Task Reset_peer_resets_both_ends_after_its_timeout()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Downstream.Set("fault", new LinkConditions { ResetPeerAfter = TimeSpan.FromSeconds(5) });

        clock.Advance(TimeSpan.FromSeconds(4.9));
        await LinkProbe.Quiet();
        Assert.That(link.Connections, Has.Count.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await probe.NextClosedAsync();

        Assert.That(await LinkProbe.ReadToEndAsync(client), Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(await LinkProbe.ReadToEndAsync(server), Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(link.Connections, Is.Empty);
    }

    [Test]
    public async Task Reset_all_kills_every_open_connection()
    {
        (Socket firstClient, Socket firstServer) = await ConnectAsync();
        (Socket secondClient, Socket secondServer) = await ConnectAsync();

        link.ResetAll();

        foreach (Socket socket in (Socket[])[firstClient, firstServer, secondClient, secondServer])
        {
            Assert.That(await LinkProbe.ReadToEndAsync(socket), Is.EqualTo(SocketError.ConnectionReset));
        }

        Assert.That(link.Connections, Is.Empty);
    }

    [Test]
    public async Task A_connection_refused_upstream_is_reset()
    {
        upstream.Dispose();
        SocketError? seen;
        try
        {
            // The reset can come so fast that the connect itself reports it.
            using Socket client = await LinkProbe.ConnectAsync(link.LocalEndPoint);
            seen = await LinkProbe.ReadToEndAsync(client);
        }
        catch (SocketException exception)
        {
            seen = exception.SocketErrorCode;
        }

        Assert.That(seen, Is.EqualTo(SocketError.ConnectionReset));
    }

    [Test]
    public async Task The_quota_passes_exactly_its_bytes_over_both_directions_then_blackholes()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.SetDataQuota(100);

        await client.SendAsync(LinkProbe.Bytes(60));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 60), Is.EqualTo(LinkProbe.Bytes(60)));
        await server.SendAsync(LinkProbe.Bytes(60, 100));
        Assert.That(await LinkProbe.ReadExactlyAsync(client, 40), Is.EqualTo(LinkProbe.Bytes(40, 100)), "cut exactly at the quota");
        await client.SendAsync(LinkProbe.Bytes(10));
        await probe.NextReceivedAsync();
        await probe.NextReceivedAsync();
        await probe.NextReceivedAsync();
        await LinkProbe.Quiet();

        Assert.Multiple(() =>
        {
            Assert.That(client.Available, Is.Zero);
            Assert.That(server.Available, Is.Zero);
            Assert.That(link.BytesUpstream + link.BytesDownstream, Is.EqualTo(100));
            Assert.That(link.BytesBlackholed, Is.EqualTo(30));
            Assert.That(link.DataQuotaRemaining, Is.Zero);
            Assert.That(link.IsQuotaExhausted, Is.True);
            Assert.That(link.Connections.Single().IsOpen, Is.True);
        });

        link.SetDataQuota(null);
        await client.SendAsync(LinkProbe.Bytes(3));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 3), Is.EqualTo(LinkProbe.Bytes(3)));
    }

    [Test]
    public async Task A_terminal_reset_under_a_blackhole_never_reaches_the_host()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Upstream.Set("fault", new LinkConditions { Blackhole = true });

        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
        await LinkProbe.Quiet();
        Assert.That(link.Connections.Single().IsOpen, Is.True, "the host still believes in the connection");

        // What the host sends now goes to a terminal that is gone; its own close ends the connection in order.
        await server.SendAsync(LinkProbe.Bytes(4));
        server.Shutdown(SocketShutdown.Send);
        await probe.NextClosedAsync();

        Assert.That(await LinkProbe.ReadToEndAsync(server), Is.Null, "closed, not reset");
        Assert.That(probe.Deliveries, Is.Zero);
    }

    [Test]
    public async Task Losses_over_real_sockets_are_the_seeds_and_cost_exactly_the_back_off()
    {
        List<LinkDelivery> first = await LossyRunAsync(seed: 9);
        List<LinkDelivery> again = await LossyRunAsync(seed: 9);
        List<LinkDelivery> other = await LossyRunAsync(seed: 10);

        Assert.Multiple(() =>
        {
            Assert.That(again.Select(d => d.Losses), Is.EqualTo(first.Select(d => d.Losses)));
            Assert.That(other.Select(d => d.Losses), Is.Not.EqualTo(first.Select(d => d.Losses)));
            Assert.That(first.Sum(d => d.Losses), Is.GreaterThan(0));
            Assert.That(first.Select(d => d.DueTimestamp), Is.Ordered, "in order");
            foreach (LinkDelivery delivery in first)
            {
                // Sent one at a time after the previous was delivered: nothing ahead holds it back.
                Assert.That(clock.GetElapsedTime(delivery.ReceivedTimestamp, delivery.DueTimestamp), Is.EqualTo(TcpRetransmission.TotalDelay(delivery.Losses)));
            }
        });
    }

    [Test]
    public async Task A_slicer_delivers_a_frame_in_small_pieces()
    {
        (Socket client, Socket server) = await ConnectAsync();
        link.Downstream.Set("fault", new LinkConditions { Slicer = new LinkSlicer(4, 0, TimeSpan.FromMilliseconds(100)) });

        await server.SendAsync(LinkProbe.Bytes(10));
        await probe.NextReceivedAsync();
        LinkDelivery first = await probe.NextDeliveredAsync();
        LinkDelivery second = await LinkProbe.AdvanceUntilAsync(clock, probe.NextDeliveredAsync(), TimeSpan.FromMilliseconds(100));
        LinkDelivery third = await LinkProbe.AdvanceUntilAsync(clock, probe.NextDeliveredAsync(), TimeSpan.FromMilliseconds(100));

        Assert.That(new[] { first, second, third }.Select(d => d.Data.Length), Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(clock.GetElapsedTime(first.DueTimestamp, second.DueTimestamp), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(clock.GetElapsedTime(second.DueTimestamp, third.DueTimestamp), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(await LinkProbe.ReadExactlyAsync(client, 10), Is.EqualTo(LinkProbe.Bytes(10)));
    }

    private async Task<List<LinkDelivery>> LossyRunAsync(int seed)
    {
        link.Reseed(seed);
        link.Upstream.Set("loss", new LinkConditions { LossProbability = 0.5 });
        (Socket client, Socket server) = await ConnectAsync();
        List<LinkDelivery> deliveries = [];
        for (int i = 0; i < 12; i++)
        {
            await client.SendAsync(new byte[] { (byte)i });
            await probe.NextReceivedAsync();
            deliveries.Add(await LinkProbe.AdvanceUntilAsync(clock, probe.NextDeliveredAsync(), TimeSpan.FromMinutes(5)));
            Assert.That(await LinkProbe.ReadExactlyAsync(server, 1), Is.EqualTo(new[] { (byte)i }));
        }

        client.Dispose();
        return deliveries;
    }

    private async Task<(Socket Client, Socket Server)> ConnectAsync()
    {
        Socket client = await LinkProbe.ConnectAsync(link.LocalEndPoint);
        Socket server = await upstream.AcceptAsync();
        return (client, server);
    }
}
