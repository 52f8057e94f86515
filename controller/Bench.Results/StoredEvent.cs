namespace Bench.Results;

/// <summary>An event as read back from the store.</summary>
public sealed record StoredEvent(
    long Id,
    long? RunId,
    long? TrialId,
    long TimestampNanoseconds,
    string Source,
    string Kind,
    string? ConnectionId,
    string Detail);
