namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// Splits the bytes of each read into small segments delivered with a pause between them (Toxiproxy's
/// <c>slicer</c>): reveals read loops that assume a frame arrives in one piece.
/// </summary>
/// <param name="AverageSize">Mean segment size in bytes; at least 1.</param>
/// <param name="SizeVariation">Each segment's size is drawn uniformly within ± this of the mean; smaller than <paramref name="AverageSize"/>.</param>
/// <param name="Delay">Least time between the deliveries of two segments of the same read.</param>
public sealed record LinkSlicer(int AverageSize, int SizeVariation, TimeSpan Delay);
