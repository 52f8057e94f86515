namespace Bench.Reports.Timelines;

/// <summary>One thing that happened at an instant, seconds after the trial began; the label may be empty.</summary>
public sealed record TimelineMark(TimelineLane Lane, double Seconds, string Label);
