namespace Bench.Reports.Comparison;

/// <summary>One experiment's threshold in runs A and B; either side is null when that run lacks the experiment.</summary>
/// <param name="Moved">True when the threshold moved beyond the intervals, or was found in one run only.</param>
/// <param name="Verdict">One phrase: "moved beyond B's interval", "within the intervals", "only in A" …</param>
public sealed record ComparedThreshold(string Experiment, ExperimentResult? A, ExperimentResult? B, bool Moved, string Verdict)
{
    public string Unit => A?.Unit ?? B?.Unit ?? "";

    /// <summary>B's threshold less A's; null unless both found one.</summary>
    public double? Change => A is { Found: true } a && B is { Found: true } b ? b.Threshold - a.Threshold : null;
}
