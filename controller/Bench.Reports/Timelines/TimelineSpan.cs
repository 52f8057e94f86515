namespace Bench.Reports.Timelines;

/// <summary>An injection in effect from <paramref name="StartSeconds"/> to <paramref name="EndSeconds"/> after the trial began.</summary>
/// <param name="Released">False when the store holds no release within the trial: the span runs to the trial's end.</param>
public sealed record TimelineSpan(double StartSeconds, double EndSeconds, string Label, bool Released);
