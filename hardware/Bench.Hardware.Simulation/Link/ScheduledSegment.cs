namespace Bench.Hardware.Simulation.Link;

/// <summary>A piece of one direction's byte stream and when the link hands it over.</summary>
/// <param name="Data">The bytes; empty for a control segment (the handshake, or the end of the stream).</param>
/// <param name="ReceivedTimestamp">When the bytes entered the link (the link's clock).</param>
/// <param name="DueTimestamp">When the far end gets them: never before the segment ahead of it.</param>
/// <param name="Losses">How many times the segment was lost before it got through.</param>
/// <param name="IsEndOfStream">The sender closed its side (a FIN): the link closes the far end's sending side.</param>
public sealed record ScheduledSegment(
    ReadOnlyMemory<byte> Data, long ReceivedTimestamp, long DueTimestamp, int Losses, bool IsEndOfStream = false);
