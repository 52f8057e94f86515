namespace Bench.Results;

/// <summary>A peer's bytes broke the wire format: which connection, which element, at which byte offset of the frame body.</summary>
public sealed record ProtocolError(long TimestampNanoseconds, string ConnectionId, string Element, int Offset, string Reason)
{
    public override string ToString() => $"{ConnectionId}: {Element} at byte {Offset}: {Reason}";
}
