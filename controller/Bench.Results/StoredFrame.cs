namespace Bench.Results;

/// <summary>A frame as read back from the store.</summary>
public sealed record StoredFrame(
    long Id,
    long? RunId,
    long TimestampNanoseconds,
    string ConnectionId,
    FrameDirection Direction,
    string? Mti,
    string? Stan,
    byte[] Body,
    string Summary);
