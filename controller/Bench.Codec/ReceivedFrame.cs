namespace Bench.Codec;

/// <summary>One frame body as it came off a stream, stamped (Stopwatch ticks) when its last byte arrived.</summary>
public sealed record ReceivedFrame(byte[] Body, long Timestamp);
