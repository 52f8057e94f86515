using System.Net.Sockets;
using Bench.Codec;
using Bench.Hardware.Simulation;

namespace Bench.Host.Tests;

/// <summary>Peak hour: a host with few authorisation workers queues requests, and a background load makes the terminal's replies slow and then late.</summary>
[TestFixture]
public sealed class CapacityTests
{
    [Test]
    public async Task Requests_beyond_the_workers_queue_first_come_first_served_on_the_host_clock()
    {
        var clock = new SignallingTimeProvider();
        await using var fixture = HostFixture.Start(clock: clock);
        fixture.Host.Capacity = new HostCapacity(2, new ConstantServiceTime(TimeSpan.FromSeconds(1)));
        await using var terminal = await fixture.ConnectAsync();

        for (var stan = 1; stan <= 4; stan++) await terminal.SendAsync(TestMessages.Sale(stan));
        await clock.WhenTimerCreatedAsync();
        await clock.WhenTimerCreatedAsync();
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True, "nothing before the first service time");
        Assert.That(fixture.Host.Ledger.Entries, Is.Empty, "booked only once served");
        var workers = fixture.Host.CurrentWorkers()!;
        Assert.That((workers.Busy, workers.QueueLength), Is.EqualTo((2, 2)));

        clock.Advance(TimeSpan.FromSeconds(1));
        var firstTwo = new[] { (await terminal.ReceiveAsync()).Stan, (await terminal.ReceiveAsync()).Stan };
        await clock.WhenTimerCreatedAsync();
        await clock.WhenTimerCreatedAsync();
        Assert.That(await terminal.StaysSilentAsync(TimeSpan.FromMilliseconds(200)), Is.True, "the queued two wait a second service time");

        clock.Advance(TimeSpan.FromSeconds(1));
        var lastTwo = new[] { (await terminal.ReceiveAsync()).Stan, (await terminal.ReceiveAsync()).Stan };

        Assert.Multiple(() =>
        {
            Assert.That(firstTwo, Is.EquivalentTo(new[] { TestMessages.Stan(1), TestMessages.Stan(2) }));
            Assert.That(lastTwo, Is.EquivalentTo(new[] { TestMessages.Stan(3), TestMessages.Stan(4) }));
            Assert.That(fixture.Host.Ledger.Entries, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task A_single_worker_serves_in_arrival_order()
    {
        var clock = new SignallingTimeProvider();
        var workers = new AuthorizationWorkers(new HostCapacity(1, new ConstantServiceTime(TimeSpan.FromSeconds(2))), clock);
        var finished = new List<int>();

        var served = Enumerable.Range(1, 3).Select(async number =>
        {
            await workers.ServeAsync(CancellationToken.None);
            lock (finished) finished.Add(number);
        }).ToArray();
        Assert.That(workers.QueueLength, Is.EqualTo(2));

        for (var step = 0; step < 3; step++)
        {
            // Each service starts its timer only once the worker is handed over: advance when it is running.
            await clock.WhenTimerCreatedAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
        }
        await Task.WhenAll(served).WaitAsync(TestTerminal.Patience);

        Assert.That(finished, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_cancelled_waiter_gives_up_its_place_and_the_next_one_is_served()
    {
        var clock = new SignallingTimeProvider();
        var workers = new AuthorizationWorkers(new HostCapacity(1, new ConstantServiceTime(TimeSpan.FromSeconds(1))), clock);
        using var giveUp = new CancellationTokenSource();

        var first = workers.ServeAsync(CancellationToken.None);
        var cancelled = workers.ServeAsync(giveUp.Token);
        var third = workers.ServeAsync(CancellationToken.None);
        await giveUp.CancelAsync();
        await clock.WhenTimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        await first.WaitAsync(TestTerminal.Patience);
        await clock.WhenTimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        await third.WaitAsync(TestTerminal.Patience);
        Assert.That(workers.Busy, Is.Zero);
    }

    [Test]
    public void Service_times_have_the_distributions_mean_and_repeat_with_their_seed()
    {
        var mean = TimeSpan.FromMilliseconds(200);
        Assert.Multiple(() =>
        {
            Assert.That(MeanSeconds(new ConstantServiceTime(mean), seed: 1), Is.EqualTo(0.2).Within(1e-9));
            Assert.That(MeanSeconds(new ExponentialServiceTime(mean), seed: 1), Is.EqualTo(0.2).Within(0.2 * 0.03));
            Assert.That(MeanSeconds(new LogNormalServiceTime(mean, 0.6), seed: 1), Is.EqualTo(0.2).Within(0.2 * 0.03));
            Assert.That(MeanSeconds(new ExponentialServiceTime(mean), seed: 9), Is.EqualTo(MeanSeconds(new ExponentialServiceTime(mean), seed: 9)), "seeded");
            Assert.That(MeanSeconds(new ExponentialServiceTime(mean), seed: 9), Is.Not.EqualTo(MeanSeconds(new ExponentialServiceTime(mean), seed: 10)));
            Assert.That(new HostCapacity(4, new ExponentialServiceTime(TimeSpan.FromMilliseconds(250))).ThroughputPerSecond, Is.EqualTo(16).Within(1e-9));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new HostCapacity(0, new ConstantServiceTime(mean)));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogNormalServiceTime(mean, 0));
        });
    }

    [Test]
    public void Poisson_gaps_average_the_inverse_rate_and_counts_scatter_like_a_poisson_process()
    {
        var arrivals = new PoissonArrivals(50, seed: 3);
        var counts = new int[400];
        var time = 0.0;
        while (true)
        {
            time += arrivals.NextGap().TotalSeconds;
            if (time >= counts.Length) break;
            counts[(int)time]++;
        }
        var mean = counts.Average();
        var variance = counts.Select(count => (count - mean) * (count - mean)).Sum() / (counts.Length - 1);

        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(50).Within(50 * 0.03), "arrivals per second");
            Assert.That(variance / mean, Is.InRange(0.8, 1.2), "a Poisson count's variance equals its mean");
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PoissonArrivals(0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PoissonArrivals(double.NaN, 1));
        });
    }

    [Test]
    public async Task The_background_load_sends_signed_sales_at_its_rate_on_the_clock_it_is_given()
    {
        var time = new ScaledTimeProvider(10);
        await using var fixture = HostFixture.Start(clock: time);
        var started = time.GetTimestamp();
        BackgroundLoadStatistics statistics;
        await using (var load = BackgroundLoadGenerator.Start(fixture.Host.LocalEndPoint, 40, WorkingKeys.Test, time, seed: 5,
            new BackgroundLoadOptions { Terminals = 4 }))
        {
            await Task.Delay(TimeSpan.FromSeconds(20), time);
            statistics = load.Statistics;
            var deadline = DateTime.UtcNow + TestTerminal.Patience;
            while (load.Statistics.Replied < statistics.Sent && DateTime.UtcNow < deadline) await Task.Delay(10);
            statistics = load.Statistics with { Sent = statistics.Sent };
        }
        var elapsed = time.GetElapsedTime(started).TotalSeconds;

        Assert.Multiple(() =>
        {
            Assert.That(statistics.Sent / 20.0, Is.EqualTo(40).Within(40 * 0.15), $"sales per second of the load's clock ({statistics.Sent} in 20 s)");
            Assert.That(statistics.SendFailures, Is.Zero);
            Assert.That(statistics.Approved, Is.GreaterThanOrEqualTo(statistics.Sent), "every sale verified and approved: the load signs with the host's keys");
            Assert.That(fixture.Host.Ledger.Entries.Select(entry => entry.Key.TerminalId).Distinct(), Is.EquivalentTo(new[] { "LOAD0001", "LOAD0002", "LOAD0003", "LOAD0004" }));
            Assert.That(fixture.Host.Ledger.Entries.Select(entry => entry.Kind).Distinct(), Is.EqualTo(new[] { LedgerEntryKind.Debit }), "no repeats, no MAC refusals");
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(20));
        });
    }

    [Test]
    public async Task Under_a_load_past_capacity_the_terminals_replies_slow_down_and_then_miss_its_response_timer()
    {
        // One worker, one second a request: the host serves one sale a second. The load offers two.
        var time = new ScaledTimeProvider(20);
        var responseTimer = TimeSpan.FromSeconds(30);
        await using var fixture = HostFixture.Start(clock: time);
        fixture.Host.Capacity = new HostCapacity(1, new ConstantServiceTime(TimeSpan.FromSeconds(1)));
        await using var probe = await Probe.ConnectAsync(fixture, time);

        var idle = await probe.SaleAsync(1, responseTimer);
        await using var load = BackgroundLoadGenerator.Start(fixture.Host.LocalEndPoint, 2, WorkingKeys.Test, time, seed: 11);
        await Task.Delay(TimeSpan.FromSeconds(10), time);
        var busy = await probe.SaleAsync(2, responseTimer);
        await Task.Delay(TimeSpan.FromSeconds(30), time);
        var overloaded = await probe.SaleAsync(3, responseTimer);

        Assert.Multiple(() =>
        {
            Assert.That(idle, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(3)), "an idle host answers in about a service time");
            Assert.That(busy, Is.Not.Null.And.GreaterThan(idle!.Value + TimeSpan.FromSeconds(2)), "ten seconds past capacity: the reply waits in the queue");
            Assert.That(overloaded, Is.Null, "forty seconds past capacity: the queue outlasts the 30 s response timer");
            Assert.That(fixture.Host.CurrentWorkers()!.QueueLength, Is.GreaterThan(20));
        });
    }

    private static double MeanSeconds(ServiceTime serviceTime, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 40_000).Average(_ => serviceTime.Sample(random).TotalSeconds);
    }

    /// <summary>A terminal-like client: sends one sale and waits for its reply under a response timer on the terminal's clock.</summary>
    private sealed class Probe(TcpClient client, TimeProvider time) : IAsyncDisposable
    {
        private readonly FrameReader reader = new(client.GetStream());

        public static async Task<Probe> ConnectAsync(HostFixture fixture, TimeProvider time)
        {
            var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(fixture.Host.LocalEndPoint);
            return new Probe(client, time);
        }

        /// <summary>How long the reply took on the terminal's clock, or null when the response timer expired first.</summary>
        public async Task<TimeSpan?> SaleAsync(int stan, TimeSpan responseTimer)
        {
            var sale = TestMessages.Sale(stan, terminalId: "PROBE001");
            var sent = time.GetTimestamp();
            await client.GetStream().WriteAsync(IsoCodec.Cup.EncodeFrame(sale));
            using var timer = new CancellationTokenSource(responseTimer, time);
            try
            {
                while (true)
                {
                    var frame = await reader.ReadAsync(timer.Token) ?? throw new IOException("the host closed the connection");
                    // A late reply to an earlier probe is not this sale's.
                    if (IsoCodec.Cup.Decode(frame.Body).Stan == sale.Stan) return time.GetElapsedTime(sent);
                }
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested)
            {
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
