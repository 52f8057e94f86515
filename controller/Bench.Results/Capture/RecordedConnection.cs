namespace Bench.Results.Capture;

/// <summary>One connection as the results store tells it: when it opened and closed, and its frames in order.</summary>
/// <param name="ConnectionId">The recorder's id; ids repeat across hosts and runs, so a connection is an id within its open-close span.</param>
/// <param name="OpenedNanoseconds">When it opened (its connection-opened event, else its first frame), monotonic.</param>
internal sealed class RecordedConnection(string connectionId, long openedNanoseconds)
{
    public string ConnectionId { get; } = connectionId;

    public long OpenedNanoseconds { get; } = openedNanoseconds;

    /// <summary>Null while the store says it never closed (the run ended first, or was killed).</summary>
    public long? ClosedNanoseconds { get; set; }

    /// <summary>Why it closed, as the closing event said.</summary>
    public string? CloseReason { get; set; }

    public List<StoredFrame> Frames { get; } = [];
}
