namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// Times one direction of one connection: turns the bytes that entered the link into segments, each with
/// the moment the far end gets it. Per segment, in this order: the bandwidth queue (a segment starts when
/// the previous one has left), losses drawn one transmission at a time with TCP's back-off, latency ±
/// jitter, then in-order delivery (a segment never overtakes the one ahead, so a retransmitted segment
/// holds every segment behind it). Not thread-safe: one direction has one reader.
/// </summary>
public sealed class LinkScheduler
{
    /// <summary>The largest segment when no slicer is set: one Ethernet-sized TCP segment.</summary>
    public const int MaximumSegmentSize = 1460;

    private readonly long timestampFrequency;
    private readonly Random random;
    private long lastDueTimestamp = long.MinValue;
    private long linkFreeTimestamp = long.MinValue;

    /// <param name="timestampFrequency">Ticks per second of the timestamps (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    /// <param name="random">Draws losses, jitter and slice sizes; seeded by the caller for reproducible trials.</param>
    public LinkScheduler(long timestampFrequency, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        ArgumentNullException.ThrowIfNull(random);
        this.timestampFrequency = timestampFrequency;
        this.random = random;
    }

    /// <summary>The segments that carry <paramref name="data"/>, received at <paramref name="receivedTimestamp"/>, under <paramref name="conditions"/>.</summary>
    public IReadOnlyList<ScheduledSegment> Schedule(ReadOnlyMemory<byte> data, long receivedTimestamp, LinkConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        List<ScheduledSegment> segments = [];
        int offset = 0;
        while (offset < data.Length)
        {
            int size = Math.Min(NextSize(conditions.Slicer), data.Length - offset);
            ReadOnlyMemory<byte> piece = data.Slice(offset, size);
            // A slicer spaces the pieces of one read; the first piece follows whatever came before.
            long earliest = offset > 0 && conditions.Slicer is { } slicer ? lastDueTimestamp + Ticks(slicer.Delay) : long.MinValue;
            segments.Add(Next(piece, receivedTimestamp, conditions, earliest, endOfStream: false));
            offset += size;
        }

        return segments;
    }

    /// <summary>A segment without data (the end of the stream, or a handshake packet), timed like any other.</summary>
    public ScheduledSegment ScheduleControl(long receivedTimestamp, LinkConditions conditions, bool endOfStream)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return Next(ReadOnlyMemory<byte>.Empty, receivedTimestamp, conditions, long.MinValue, endOfStream);
    }

    private ScheduledSegment Next(ReadOnlyMemory<byte> piece, long receivedTimestamp, LinkConditions conditions, long earliest, bool endOfStream)
    {
        long sent = Math.Max(receivedTimestamp, linkFreeTimestamp);
        if (conditions.BandwidthBytesPerSecond is long rate)
        {
            // Rounded up: a byte never leaves faster than the rate allows.
            sent += (long)Math.Ceiling(piece.Length * (double)timestampFrequency / rate);
            linkFreeTimestamp = sent;
        }

        int losses = 0;
        while (conditions.LossProbability > 0 && random.NextDouble() < conditions.LossProbability)
        {
            losses++;
        }

        TimeSpan delay = TcpRetransmission.TotalDelay(losses) + conditions.Latency;
        if (conditions.Jitter > TimeSpan.Zero)
        {
            delay += conditions.Jitter * ((2 * random.NextDouble()) - 1);
            if (delay < TimeSpan.Zero)
            {
                delay = TimeSpan.Zero;
            }
        }

        long due = Math.Max(Math.Max(sent + Ticks(delay), earliest), lastDueTimestamp);
        lastDueTimestamp = due;
        return new ScheduledSegment(piece, receivedTimestamp, due, losses, endOfStream);
    }

    private int NextSize(LinkSlicer? slicer) =>
        slicer is null ? MaximumSegmentSize
            : Math.Max(1, slicer.AverageSize + (slicer.SizeVariation == 0 ? 0 : random.Next(-slicer.SizeVariation, slicer.SizeVariation + 1)));

    private long Ticks(TimeSpan duration) => (long)Math.Round(duration.Ticks * (double)timestampFrequency / TimeSpan.TicksPerSecond);
}
