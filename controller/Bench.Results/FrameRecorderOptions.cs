namespace Bench.Results;

/// <summary>How the recorder batches its writes.</summary>
public sealed record FrameRecorderOptions
{
    /// <summary>
    /// How long the writer lets a batch fill before committing it: a crash loses at most this
    /// much. Must stay at or under 100 ms (the bench's promise).
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Rows per transaction at most, so one commit never holds the store's lock for long.</summary>
    public int MaximumBatchSize { get; init; } = 5_000;
}
