namespace Bench.Host;

/// <summary>How a split reply is written: <see cref="SegmentBytes"/> bytes at a time, <see cref="Gap"/> apart on the host's clock.</summary>
public sealed record ReplySegmentation
{
    public ReplySegmentation(int segmentBytes, TimeSpan gap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gap, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gap, TimerLimit.Longest);
        SegmentBytes = segmentBytes;
        Gap = gap;
    }

    public int SegmentBytes { get; }
    public TimeSpan Gap { get; }
}
