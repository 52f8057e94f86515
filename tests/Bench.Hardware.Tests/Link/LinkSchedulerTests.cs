using Bench.Hardware.Simulation.Link;

namespace Bench.Hardware.Tests.Link;

[TestFixture]
public sealed class LinkSchedulerTests
{
    // One timestamp tick per TimeSpan tick, as FakeTimeProvider counts.
    private const long Frequency = TimeSpan.TicksPerSecond;

    [Test]
    public void A_lost_segment_costs_the_tcp_back_off_and_holds_every_segment_behind_it()
    {
        // Segment 1: lost, lost, through (1 s + 2 s). Segment 2: through at once. Segment 3 (4 s later): lost once.
        var scheduler = new LinkScheduler(Frequency, new ScriptedRandom(0.1, 0.2, 0.9, 0.9, 0.3, 0.8));
        var lossy = new LinkConditions { LossProbability = 0.5 };

        ScheduledSegment first = scheduler.Schedule(new byte[10], At(0), lossy).Single();
        ScheduledSegment second = scheduler.Schedule(new byte[10], At(0.5), lossy).Single();
        ScheduledSegment third = scheduler.Schedule(new byte[10], At(4), lossy).Single();

        Assert.Multiple(() =>
        {
            Assert.That(first.Losses, Is.EqualTo(2));
            Assert.That(first.DueTimestamp, Is.EqualTo(At(3)), "1 s + 2 s of back-off");
            Assert.That(second.Losses, Is.Zero);
            Assert.That(second.DueTimestamp, Is.EqualTo(At(3)), "in order: it waits for the retransmitted one");
            Assert.That(third.Losses, Is.EqualTo(1));
            Assert.That(third.DueTimestamp, Is.EqualTo(At(5)));
        });
    }

    [Test]
    public void The_back_off_doubles_from_one_second_to_thirty_two_and_stays_there()
    {
        Assert.That(TcpRetransmission.BackOff, Is.EqualTo(new[] { 1, 2, 4, 8, 16, 32 }.Select(s => TimeSpan.FromSeconds(s))));
        Assert.That(TcpRetransmission.TotalDelay(6), Is.EqualTo(TimeSpan.FromSeconds(63)));
        Assert.That(TcpRetransmission.TotalDelay(8), Is.EqualTo(TimeSpan.FromSeconds(127)));
        Assert.That(() => TcpRetransmission.DelayAfterLoss(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Bandwidth_spaces_segments_by_their_size_over_the_rate()
    {
        var scheduler = new LinkScheduler(Frequency, new Random(1));
        var narrow = new LinkConditions { BandwidthBytesPerSecond = 1000, Latency = TimeSpan.FromMilliseconds(100) };

        ScheduledSegment first = scheduler.Schedule(new byte[500], At(0), narrow).Single();
        ScheduledSegment second = scheduler.Schedule(new byte[250], At(0), narrow).Single();
        ScheduledSegment third = scheduler.Schedule(new byte[100], At(10), narrow).Single();

        Assert.Multiple(() =>
        {
            Assert.That(first.DueTimestamp, Is.EqualTo(At(0.6)), "0.5 s on the wire + 0.1 s latency");
            Assert.That(second.DueTimestamp, Is.EqualTo(At(0.85)), "queued behind the first: leaves at 0.75 s");
            Assert.That(third.DueTimestamp, Is.EqualTo(At(10.2)), "an idle link starts at once");
        });
    }

    [Test]
    public void The_slicer_cuts_a_read_into_small_segments_spaced_by_its_delay()
    {
        var scheduler = new LinkScheduler(Frequency, new Random(3));
        var sliced = new LinkConditions { Slicer = new LinkSlicer(8, 3, TimeSpan.FromMilliseconds(20)) };

        IReadOnlyList<ScheduledSegment> segments = scheduler.Schedule(LinkProbe.Bytes(200), At(1), sliced);

        Assert.Multiple(() =>
        {
            Assert.That(segments.Sum(s => s.Data.Length), Is.EqualTo(200));
            Assert.That(segments.SelectMany(s => s.Data.ToArray()), Is.EqualTo(LinkProbe.Bytes(200)), "nothing reordered or lost");
            Assert.That(segments.SkipLast(1).Select(s => s.Data.Length), Has.All.InRange(5, 11));
            Assert.That(segments.Select(s => s.Data.Length).Distinct().Count(), Is.GreaterThan(1), "the sizes vary");
            Assert.That(segments[0].DueTimestamp, Is.EqualTo(At(1)));
            for (int i = 1; i < segments.Count; i++)
            {
                Assert.That(segments[i].DueTimestamp - segments[i - 1].DueTimestamp, Is.EqualTo(TimeSpan.FromMilliseconds(20).Ticks));
            }
        });
    }

    [Test]
    public void Without_a_slicer_a_large_read_goes_in_tcp_sized_segments()
    {
        var scheduler = new LinkScheduler(Frequency, new Random(3));

        IReadOnlyList<ScheduledSegment> segments = scheduler.Schedule(new byte[4000], At(0), LinkConditions.None);

        Assert.That(segments.Select(s => s.Data.Length), Is.EqualTo(new[] { 1460, 1460, 1080 }));
        Assert.That(segments.Select(s => s.DueTimestamp), Has.All.EqualTo(At(0)));
    }

    [Test]
    public void Jitter_stays_within_its_bounds_and_never_reorders()
    {
        var scheduler = new LinkScheduler(Frequency, new Random(11));
        var jittery = new LinkConditions { Latency = TimeSpan.FromMilliseconds(100), Jitter = TimeSpan.FromMilliseconds(50) };
        List<long> delays = [];
        long previousDue = long.MinValue;
        for (int i = 0; i < 500; i++)
        {
            long received = At(i * 0.01);
            ScheduledSegment segment = scheduler.Schedule(new byte[1], received, jittery).Single();
            Assert.That(segment.DueTimestamp, Is.GreaterThanOrEqualTo(previousDue));
            previousDue = segment.DueTimestamp;
            delays.Add(segment.DueTimestamp - received);
        }

        Assert.That(delays, Has.All.InRange(TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(150).Ticks));
        Assert.That(delays.Max() - delays.Min(), Is.GreaterThan(TimeSpan.FromMilliseconds(50).Ticks), "the delay does vary");
    }

    [Test]
    public void The_same_seed_gives_the_same_losses_and_another_seed_other_ones()
    {
        var lossy = new LinkConditions { LossProbability = 0.4, Jitter = TimeSpan.FromMilliseconds(10), Latency = TimeSpan.FromMilliseconds(20) };

        Assert.That(Run(42), Is.EqualTo(Run(42)));
        Assert.That(Run(43), Is.Not.EqualTo(Run(42)));

        long[] Run(int seed)
        {
            var scheduler = new LinkScheduler(Frequency, new Random(seed));
            return [.. Enumerable.Range(0, 50).Select(i => scheduler.Schedule(new byte[100], At(i), lossy).Single().DueTimestamp)];
        }
    }

    [Test]
    public void Measured_losses_match_the_probability()
    {
        // With p = 0.7 a segment is delayed past 60 s when it is lost six times or more: 0.7^6 = 11.8 %.
        var scheduler = new LinkScheduler(Frequency, new Random(5));
        var lossy = new LinkConditions { LossProbability = 0.7 };
        int late = 0;
        const int Segments = 20_000;
        for (int i = 0; i < Segments; i++)
        {
            // Spaced far apart so that no segment waits for the one ahead.
            long received = At(i * 1000.0);
            if (scheduler.Schedule(new byte[150], received, lossy).Single().DueTimestamp - received > TimeSpan.FromSeconds(60).Ticks)
            {
                late++;
            }
        }

        Assert.That(late / (double)Segments, Is.EqualTo(Math.Pow(0.7, 6)).Within(0.01));
    }

    private static long At(double seconds) => (long)Math.Round(seconds * Frequency);
}
