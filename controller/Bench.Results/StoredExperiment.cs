namespace Bench.Results;

/// <summary>An experiment as read back from the store.</summary>
public sealed record StoredExperiment(long Id, long RunId, string Name, string? InjectionKind, string? DetailsJson);
