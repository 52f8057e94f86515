namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// What one direction of an emulated link does to the bytes that cross it, in Toxiproxy's vocabulary.
/// Every property's default leaves the bytes alone; set several and they all apply. Several sets stack on
/// one direction (see <see cref="LinkConditionStack"/>) and <see cref="Combine"/> says how.
/// Conditions are taken when bytes enter the link: a change applies to the bytes that arrive after it.
/// </summary>
public sealed record LinkConditions
{
    /// <summary>A link that passes everything at once.</summary>
    public static LinkConditions None { get; } = new();

    /// <summary>One-way delay added to every segment.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Each segment's delay varies uniformly within ± this around <see cref="Latency"/> (never below zero); segments stay in order.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>The rate in bytes per second at which segments leave; null for no limit.</summary>
    public long? BandwidthBytesPerSecond { get; init; }

    /// <summary>
    /// The probability that one transmission of a segment is lost. A lost segment is sent again after
    /// TCP's back-off (<see cref="TcpRetransmission"/>), and every segment behind it waits: delivery stays in
    /// order. Below 1: a segment always gets through in the end.
    /// </summary>
    public double LossProbability { get; init; }

    /// <summary>Splits each read into small delayed segments; null to pass reads whole.</summary>
    public LinkSlicer? Slicer { get; init; }

    /// <summary>Bytes (and the end of the stream) vanish; the connection stays open.</summary>
    public bool Blackhole { get; init; }

    /// <summary>
    /// Resets (RST to both ends) every connection this long after it opened or after these conditions were
    /// put in place, whichever is later (Toxiproxy's <c>reset_peer</c>); null never.
    /// </summary>
    public TimeSpan? ResetPeerAfter { get; init; }

    /// <summary>
    /// The conditions of several layers at once: latencies and jitters add up, the narrowest bandwidth and the
    /// shortest reset time win, losses compound (a segment gets through only if no layer loses it), any
    /// blackhole swallows, and the finest slicer slices.
    /// </summary>
    public static LinkConditions Combine(IEnumerable<LinkConditions> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        LinkConditions combined = None;
        foreach (LinkConditions layer in layers)
        {
            combined = combined with
            {
                // Lost by either layer: p + q − pq (exact when one of them is 0).
                LossProbability = combined.LossProbability + layer.LossProbability - (combined.LossProbability * layer.LossProbability),
                Latency = combined.Latency + layer.Latency,
                Jitter = combined.Jitter + layer.Jitter,
                BandwidthBytesPerSecond = Smaller(combined.BandwidthBytesPerSecond, layer.BandwidthBytesPerSecond),
                Slicer = combined.Slicer is null || (layer.Slicer is not null && layer.Slicer.AverageSize < combined.Slicer.AverageSize)
                    ? layer.Slicer ?? combined.Slicer
                    : combined.Slicer,
                Blackhole = combined.Blackhole || layer.Blackhole,
                ResetPeerAfter = combined.ResetPeerAfter is not { } reset ? layer.ResetPeerAfter
                    : layer.ResetPeerAfter is { } other && other < reset ? other : reset,
            };
        }

        return combined;
    }

    /// <summary>Checks every value.</summary>
    /// <param name="where">Names these conditions in the error, e.g. <c>layer 'signal' (upstream)</c>.</param>
    /// <exception cref="ArgumentException">A value is out of range; the message names it, its value and <paramref name="where"/>.</exception>
    public void Validate(string where)
    {
        Require(Latency >= TimeSpan.Zero, nameof(Latency), Latency, "must not be negative");
        Require(Jitter >= TimeSpan.Zero, nameof(Jitter), Jitter, "must not be negative");
        Require(BandwidthBytesPerSecond is null or > 0, nameof(BandwidthBytesPerSecond), BandwidthBytesPerSecond, "must be positive (null for no limit)");
        Require(double.IsFinite(LossProbability) && LossProbability is >= 0 and < 1, nameof(LossProbability), LossProbability, "must be at least 0 and below 1");
        Require(ResetPeerAfter is null || ResetPeerAfter >= TimeSpan.Zero, nameof(ResetPeerAfter), ResetPeerAfter, "must not be negative");
        if (Slicer is { } slicer)
        {
            Require(slicer.AverageSize >= 1, "Slicer.AverageSize", slicer.AverageSize, "must be at least 1 byte");
            Require(slicer.SizeVariation >= 0 && slicer.SizeVariation < slicer.AverageSize, "Slicer.SizeVariation", slicer.SizeVariation, "must be at least 0 and below the average size");
            Require(slicer.Delay >= TimeSpan.Zero, "Slicer.Delay", slicer.Delay, "must not be negative");
        }

        void Require(bool valid, string property, object? value, string rule)
        {
            if (!valid)
            {
                throw new ArgumentException($"link conditions {where}: {property} {rule}, was {value?.ToString() ?? "null"}");
            }
        }
    }

    private static long? Smaller(long? first, long? second) =>
        first is null ? second : second is null ? first : Math.Min(first.Value, second.Value);
}
