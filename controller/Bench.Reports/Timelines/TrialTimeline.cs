namespace Bench.Reports.Timelines;

/// <summary>
/// One trial on the bench's monotonic clock, seconds from its start: its marks per lane, its injection spans and,
/// on a rig with a supply monitor, the terminal's supply current.
/// </summary>
public sealed record TrialTimeline(
    string Experiment,
    int TrialIndex,
    string Outcome,
    double? Parameter,
    double DurationSeconds,
    IReadOnlyList<TimelineMark> Marks,
    IReadOnlyList<TimelineSpan> Injections)
{
    /// <summary>The terminal's supply current in time order; empty when the rig has no supply monitor.</summary>
    public IReadOnlyList<SupplyCurrentPoint> SupplyCurrent { get; init; } = [];

    /// <summary>The file name (without extension) under <c>timelines/</c>, and the report's anchor for it.</summary>
    public string BaseName => TimelineNames.BaseName(Experiment, TrialIndex);
}
