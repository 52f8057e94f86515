namespace Bench.Results;

/// <summary>
/// One entry on the run's timeline that is not a frame: a protocol error, a connection opening,
/// an injection, a serial line. <see cref="Detail"/> is free text or JSON; it is masked for card
/// numbers before it is stored, so timestamps belong in <see cref="TimestampNanoseconds"/>, not in it.
/// </summary>
public sealed record EventRecord(long TimestampNanoseconds, string Source, string Kind, string Detail)
{
    public string? ConnectionId { get; init; }
    /// <summary>The run it belongs to; when null, the recorder's run.</summary>
    public long? RunId { get; init; }
    public long? TrialId { get; init; }
}
