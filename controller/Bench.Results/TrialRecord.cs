namespace Bench.Results;

/// <summary>
/// One finished trial of an experiment: the parameter value tried, its outcome (e.g. approved,
/// declined, unknown, rig-fault), its span on the monotonic timeline, and anything else as JSON.
/// </summary>
public sealed record TrialRecord(
    long RunId,
    long ExperimentId,
    int TrialIndex,
    double? ParameterValue,
    string Outcome,
    long StartedNanoseconds,
    long EndedNanoseconds)
{
    public string? DetailsJson { get; init; }
}
