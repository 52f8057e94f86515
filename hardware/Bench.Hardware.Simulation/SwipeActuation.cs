namespace Bench.Hardware.Simulation;

/// <summary>
/// A solenoid pulse long enough to carry the card through the reader, or a servo stroke that carried it through:
/// the terminal sees a swipe. For a servo the "pulse" is the card's passage through the reader.
/// </summary>
/// <param name="PulseStartTimestamp">When the coil was energized (driver timestamp).</param>
/// <param name="PulseEndTimestamp">When the coil was released, which is when the swipe is reported.</param>
/// <param name="PulseLength">The pulse length in the driver's time.</param>
public sealed record SwipeActuation(long PulseStartTimestamp, long PulseEndTimestamp, TimeSpan PulseLength)
{
    /// <summary>The servo arm's speed through the reader, or null for a solenoid stroke.</summary>
    public double? DegreesPerSecond { get; init; }

    /// <summary>
    /// How long the card took to cross the reader (a servo's passage through the reader window), which decides
    /// whether the head can decode it; null for a solenoid stroke, whose spring throws the card at one fast speed.
    /// </summary>
    public TimeSpan? ReaderPassage => DegreesPerSecond is null ? null : PulseLength;
}
