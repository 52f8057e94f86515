using Bench.Hardware.Simulation.Link;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a link faults file (fixtures/links/*.yaml) for <c>bench proxy</c>: per direction
/// (<c>upstream</c>, terminal to host; <c>downstream</c>, host to terminal) <c>latency</c>, <c>jitter</c>,
/// <c>bandwidth</c> (bytes per second), <c>loss</c> (probability a transmission is lost), <c>slicer</c>
/// (<c>averageSize</c>, <c>sizeVariation</c>, <c>delay</c>), <c>blackhole</c>, <c>resetPeer</c>; at the top,
/// <c>quota</c> (bytes, both directions) and <c>seed</c>. Every mistake names file, line and column.
/// </summary>
public static class LinkFaultsLoader
{
    /// <summary>Longest delay a fault may add: a link that holds bytes longer only hides a stuck peer.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromHours(1);

    private static readonly string[] Keys = ["upstream", "downstream", "quota", "seed"];
    private static readonly string[] DirectionKeys = ["latency", "jitter", "bandwidth", "loss", "slicer", "blackhole", "resetPeer"];
    private static readonly string[] SlicerKeys = ["averageSize", "sizeVariation", "delay"];

    /// <exception cref="CampaignFileException">The file is missing, malformed or has an invalid value.</exception>
    public static LinkFaults Load(string file)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file);
        reader.RejectUnknownKeys(Keys);
        var upstream = reader.OptionalMapping("upstream") is { } up ? Conditions(up) : LinkConditions.None;
        var downstream = reader.OptionalMapping("downstream") is { } down ? Conditions(down) : LinkConditions.None;

        var quota = reader.OptionalInteger("quota");
        if (quota < 0) throw reader.Error("quota", $"must be a number of bytes, 0 or more (got {quota})");
        var seed = reader.OptionalInteger("seed");
        if (seed is < int.MinValue or > int.MaxValue) throw reader.Error("seed", $"must fit a 32-bit integer (got {seed})");
        return new LinkFaults(upstream, downstream, quota, (int?)seed);
    }

    private static LinkConditions Conditions(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(DirectionKeys);
        var bandwidth = reader.OptionalInteger("bandwidth");
        if (bandwidth <= 0) throw reader.Error("bandwidth", $"must be a positive number of bytes per second (got {bandwidth})");
        var loss = reader.OptionalNumber("loss") ?? 0;
        if (loss is < 0 or >= 1) throw reader.Error("loss", $"must be a probability from 0 up to (not including) 1 (got {loss})");
        return new LinkConditions
        {
            Latency = Delay(reader, "latency") ?? TimeSpan.Zero,
            Jitter = Delay(reader, "jitter") ?? TimeSpan.Zero,
            BandwidthBytesPerSecond = bandwidth,
            LossProbability = loss,
            Slicer = reader.OptionalMapping("slicer") is { } slicer ? Slicer(slicer) : null,
            Blackhole = reader.OptionalBoolean("blackhole") ?? false,
            ResetPeerAfter = Delay(reader, "resetPeer"),
        };
    }

    private static LinkSlicer Slicer(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(SlicerKeys);
        var averageSize = reader.RequiredInteger("averageSize");
        if (averageSize is < 1 or > ushort.MaxValue) throw reader.Error("averageSize", $"must be 1 to {ushort.MaxValue} bytes (got {averageSize})");
        var variation = reader.OptionalInteger("sizeVariation") ?? 0;
        if (variation < 0 || variation >= averageSize)
            throw reader.Error("sizeVariation", $"must be 0 or more and below averageSize {averageSize} (got {variation})");
        return new LinkSlicer((int)averageSize, (int)variation, Delay(reader, "delay") ?? TimeSpan.Zero);
    }

    private static TimeSpan? Delay(YamlMappingReader reader, string key)
    {
        var delay = reader.OptionalDuration(key);
        if (delay > MaximumDelay) throw reader.Error(key, $"must be at most {DurationText.Format(MaximumDelay)} (got {DurationText.Format(delay.Value)})");
        return delay;
    }
}
