namespace Bench.Results;

/// <summary>A run as read back from the store; <see cref="EndedUtc"/> and <see cref="Outcome"/> are null while it runs.</summary>
/// <param name="RunKey">The run's unique id (see <see cref="RunKeys"/>); null for runs recorded without one.</param>
public sealed record StoredRun(long Id, string? RunKey, string Name, string StartedUtc, string? EndedUtc, string? Outcome);
