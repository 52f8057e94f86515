namespace Bench.Reports.Timelines;

/// <summary>One trial on the bench's monotonic clock, seconds from its start: its marks per lane and its injection spans.</summary>
public sealed record TrialTimeline(
    string Experiment,
    int TrialIndex,
    string Outcome,
    double? Parameter,
    double DurationSeconds,
    IReadOnlyList<TimelineMark> Marks,
    IReadOnlyList<TimelineSpan> Injections)
{
    /// <summary>The file name (without extension) under <c>timelines/</c>, and the report's anchor for it.</summary>
    public string BaseName => TimelineNames.BaseName(Experiment, TrialIndex);
}
