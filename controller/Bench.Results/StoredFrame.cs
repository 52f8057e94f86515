namespace Bench.Results;

/// <summary>A frame as read back from the store.</summary>
/// <param name="CardDataMasked">True when the card digits (or an 0810's working keys) of <paramref name="Body"/> were zeroed before it was stored.</param>
public sealed record StoredFrame(
    long Id,
    long? RunId,
    long TimestampNanoseconds,
    string ConnectionId,
    FrameDirection Direction,
    string? Mti,
    string? Stan,
    byte[] Body,
    string Summary,
    bool CardDataMasked);
