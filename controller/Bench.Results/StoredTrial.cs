namespace Bench.Results;

/// <summary>A trial as read back from the store, with the name of its experiment.</summary>
public sealed record StoredTrial(
    long Id,
    long ExperimentId,
    string ExperimentName,
    int TrialIndex,
    double? ParameterValue,
    string Outcome,
    long StartedNanoseconds,
    long EndedNanoseconds,
    string? DetailsJson);
