namespace Bench.Host;

/// <summary>What a background load has done so far: sales sent, replies read (approvals among them), sends that failed.</summary>
public sealed record BackgroundLoadStatistics(long Sent, long Replied, long Approved, long SendFailures)
{
    /// <summary>Sales sent and not answered (yet).</summary>
    public long Outstanding => Sent - Replied;
}
