using Bench.Hardware.Simulation.Link;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Host-link faults from a faults file (fixtures/links/*.yaml), in Toxiproxy's vocabulary: the conditions
/// of each direction, a data quota over both, and the seed of the random draws.
/// </summary>
/// <param name="Upstream">Terminal to host.</param>
/// <param name="Downstream">Host to terminal.</param>
/// <param name="QuotaBytes">Bytes both directions pass together before the rest is blackholed; null for no limit.</param>
/// <param name="Seed">Seeds jitter, loss and slicing so a run repeats; null for a fresh seed.</param>
public sealed record LinkFaults(LinkConditions Upstream, LinkConditions Downstream, long? QuotaBytes, int? Seed)
{
    /// <summary>The name of the condition layer the faults take on each direction.</summary>
    public const string Layer = "faults";

    /// <summary>No faults: the link passes everything at once.</summary>
    public static LinkFaults None { get; } = new(LinkConditions.None, LinkConditions.None, null, null);

    /// <summary>
    /// The random source to build the emulator with: seeded by <see cref="Seed"/> when there is one. Given to the
    /// constructor rather than reseeded later, so even a connection accepted at once draws from it.
    /// </summary>
    public Random NewRandom() => Seed is { } seed ? new Random(seed) : new Random();

    /// <summary>Puts the conditions (as its <see cref="Layer"/> layer) and the quota on an emulator.</summary>
    public void ApplyTo(LinkEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        emulator.Upstream.Set(Layer, Upstream);
        emulator.Downstream.Set(Layer, Downstream);
        emulator.SetDataQuota(QuotaBytes);
    }

    /// <summary>One line per direction for a console, e.g. <c>upstream: latency 200ms, loss 0.05</c>.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"upstream: {Describe(Upstream)}";
        yield return $"downstream: {Describe(Downstream)}";
        if (QuotaBytes is { } quota) yield return $"quota: {quota} bytes";
    }

    private static string Describe(LinkConditions conditions)
    {
        var parts = new List<string>();
        if (conditions.Latency > TimeSpan.Zero) parts.Add($"latency {DurationText.Format(conditions.Latency)}");
        if (conditions.Jitter > TimeSpan.Zero) parts.Add($"jitter {DurationText.Format(conditions.Jitter)}");
        if (conditions.BandwidthBytesPerSecond is { } rate) parts.Add($"bandwidth {rate} B/s");
        if (conditions.LossProbability > 0) parts.Add(FormattableString.Invariant($"loss {conditions.LossProbability}"));
        if (conditions.Slicer is { } slicer) parts.Add($"slicer {slicer.AverageSize}±{slicer.SizeVariation} B every {DurationText.Format(slicer.Delay)}");
        if (conditions.Blackhole) parts.Add("blackhole");
        if (conditions.ResetPeerAfter is { } reset) parts.Add($"reset peer after {DurationText.Format(reset)}");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
