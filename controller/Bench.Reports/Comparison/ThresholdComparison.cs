namespace Bench.Reports.Comparison;

/// <summary>
/// Two runs' thresholds side by side (firmware A against B, DESIGN.md §9). A threshold moved when either run's
/// threshold lies outside the other's interval (the bracket of a deterministic flip, the 95 % interval of a
/// probabilistic one), or when one run found it and the other did not. An experiment in one run only is listed,
/// not counted as moved.
/// </summary>
public sealed record ThresholdComparison(RunSummaryDocument A, RunSummaryDocument B, IReadOnlyList<ComparedThreshold> Thresholds)
{
    public bool AnyMoved => Thresholds.Any(threshold => threshold.Moved);

    public static ThresholdComparison Compare(RunSummaryDocument a, RunSummaryDocument b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var names = a.Experiments.Select(experiment => experiment.Name)
            .Concat(b.Experiments.Select(experiment => experiment.Name)).Distinct(StringComparer.Ordinal);
        var thresholds = names.Select(name => Compare(
            name,
            a.Experiments.FirstOrDefault(experiment => experiment.Name == name),
            b.Experiments.FirstOrDefault(experiment => experiment.Name == name))).ToList();
        return new ThresholdComparison(a, b, thresholds);
    }

    private static ComparedThreshold Compare(string name, ExperimentResult? a, ExperimentResult? b)
    {
        if (a is null) return new ComparedThreshold(name, a, b, false, "only in B");
        if (b is null) return new ComparedThreshold(name, a, b, false, "only in A");
        if (a.Unit != b.Unit) return new ComparedThreshold(name, a, b, false, $"not comparable: unit {a.Unit} in A, {b.Unit} in B");
        return (a.Found, b.Found) switch
        {
            (false, false) => new ComparedThreshold(name, a, b, false, "found in neither run"),
            (true, false) => new ComparedThreshold(name, a, b, true, $"found in A only (B: {b.Status})"),
            (false, true) => new ComparedThreshold(name, a, b, true, $"found in B only (A: {a.Status})"),
            _ => Both(name, a, b),
        };
    }

    private static ComparedThreshold Both(string name, ExperimentResult a, ExperimentResult b)
    {
        var outsideA = Outside(b.Threshold!.Value, a);
        var outsideB = Outside(a.Threshold!.Value, b);
        var verdict = (outsideA, outsideB) switch
        {
            (true, true) => "moved beyond both intervals",
            (true, false) => "B's threshold outside A's interval",
            (false, true) => "A's threshold outside B's interval",
            _ => "within the intervals",
        };
        return new ComparedThreshold(name, a, b, outsideA || outsideB, verdict);
    }

    /// <summary>Outside the run's interval; a run without one stands for its threshold alone.</summary>
    private static bool Outside(double value, ExperimentResult run)
    {
        var low = run.IntervalLow ?? run.Threshold!.Value;
        var high = run.IntervalHigh ?? run.Threshold!.Value;
        return value < Math.Min(low, high) || value > Math.Max(low, high);
    }
}
