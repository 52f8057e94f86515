namespace Bench.Hardware.Simulation.Link;

/// <summary>Bytes that entered the link, before any condition acted on them.</summary>
/// <param name="ConnectionId">The connection (<see cref="LinkConnection.Id"/>).</param>
/// <param name="Direction">Which way they travel.</param>
/// <param name="Data">A copy of the bytes read.</param>
/// <param name="Timestamp">When they were read (the link's clock, monotonic).</param>
public sealed record LinkChunk(long ConnectionId, LinkDirection Direction, ReadOnlyMemory<byte> Data, long Timestamp);
