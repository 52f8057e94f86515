namespace Bench.Hardware;

/// <summary>The terminal's magnetic stripe reader (profile key <c>cardReader:</c>). Durations are terminal time.</summary>
public sealed record CardReaderSettings
{
    /// <summary>
    /// The longest the card may take to cross the reader's head for the track to decode: a slower swipe is a read
    /// error and the terminal asks for the card again. The default is a reader rated down to about 10 cm/s, which
    /// crosses the 85.6 mm card in about 0.8 s.
    /// </summary>
    public TimeSpan SlowestSwipe { get; init; } = TimeSpan.FromMilliseconds(800);
}
