namespace Bench.Hardware.Simulation.Link;

/// <summary>A segment the link handed to the far end.</summary>
/// <param name="ConnectionId">The connection (<see cref="LinkConnection.Id"/>).</param>
/// <param name="Direction">Which way it travelled.</param>
/// <param name="Data">The bytes delivered.</param>
/// <param name="ReceivedTimestamp">When they entered the link (the link's clock, monotonic).</param>
/// <param name="DueTimestamp">When the conditions said they were due.</param>
/// <param name="DeliveredTimestamp">When they were written to the far end's socket.</param>
/// <param name="Losses">How many times the segment was lost on the way (each cost a retransmission back-off).</param>
public sealed record LinkDelivery(
    long ConnectionId,
    LinkDirection Direction,
    ReadOnlyMemory<byte> Data,
    long ReceivedTimestamp,
    long DueTimestamp,
    long DeliveredTimestamp,
    int Losses);
