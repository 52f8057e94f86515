namespace Bench.Plots;

/// <summary>
/// The words of one overview row: its name beside the axis on the left, its values on the
/// right, and the axis label below, each value in the row's own unit.
/// </summary>
internal sealed record ThresholdOverviewText(IReadOnlyList<string> Left, IReadOnlyList<string> Right, string AxisLabel)
{
    private const string FoundStatus = "found";

    public static ThresholdOverviewText Of(ThresholdOverviewRow row)
    {
        var right = new List<string>
        {
            (row.Threshold is { } threshold
                ? (row.Probabilistic ? "50 % point " : "threshold ") + Value(threshold, row.Unit)
                : "no threshold") + Interval(row),
        };

        if (row.Prediction is not null || row.PredictionLabel is not null)
        {
            right.Add("prediction: " + (row.PredictionLabel ?? Value(row.Prediction!.Value, row.Unit)));
        }

        // Without a threshold the status stands in the data area instead of a point.
        if (row.Threshold is not null && !string.Equals(row.Status, FoundStatus, StringComparison.OrdinalIgnoreCase))
        {
            right.Add(row.Status);
        }

        var axisLabel = row.Unit.Length == 0 ? row.ParameterName : $"{row.ParameterName} ({row.Unit})";
        return new ThresholdOverviewText([row.Experiment, row.Injection], right, axisLabel);
    }

    private static string Interval(ThresholdOverviewRow row) => (row.IntervalLow, row.IntervalHigh) switch
    {
        ({ } low, { } high) => $" [{ThresholdOverviewPlotter.Number(low)} … {ThresholdOverviewPlotter.Number(high)}]",
        ({ } low, null) => $" [from {ThresholdOverviewPlotter.Number(low)}]",
        (null, { } high) => $" [up to {ThresholdOverviewPlotter.Number(high)}]",
        _ => "",
    };

    private static string Value(double value, string unit) =>
        unit.Length == 0 ? ThresholdOverviewPlotter.Number(value) : $"{ThresholdOverviewPlotter.Number(value)} {unit}";
}
