namespace Bench.Results;

/// <summary>A run as read back from the store; <see cref="EndedUtc"/> and <see cref="Outcome"/> are null while it runs.</summary>
/// <param name="RunKey">The run's unique id (see <see cref="RunKeys"/>); null for runs recorded without one.</param>
public sealed record StoredRun(long Id, string? RunKey, string Name, string StartedUtc, string? EndedUtc, string? Outcome)
{
    /// <summary>
    /// The run's start on the monotonic timeline (<see cref="MonotonicTime"/>), taken with <see cref="StartedUtc"/>:
    /// a frame's wall time is the start plus its distance from this. Null for runs recorded before it was kept.
    /// </summary>
    public long? StartedNanoseconds { get; init; }

    /// <summary>What the run was started with (campaign file, overrides, its campaign fingerprint), as JSON.</summary>
    public string? DetailsJson { get; init; }
}
