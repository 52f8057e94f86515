using System.Globalization;

namespace Bench.Plots;

/// <summary>Refuses overview rows that would draw a misleading or empty figure, naming the row and field.</summary>
internal static class ThresholdOverviewValidation
{
    public static void Validate(IReadOnlyList<ThresholdOverviewRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("the threshold overview needs at least one experiment row; the list is empty", nameof(rows));
        }

        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index] ?? throw new ArgumentException($"threshold overview row {index} is null", nameof(rows));
            var where = $"threshold overview row {index} ({row.Experiment})";
            RequireText(row.Experiment, "Experiment", where);
            RequireText(row.Injection, "Injection", where);
            RequireText(row.ParameterName, "ParameterName", where);
            RequireText(row.Status, "Status", where);
            if (row.Unit is null)
            {
                throw new ArgumentException($"{where}: Unit is null (use an empty string for a plain count)", nameof(rows));
            }

            RequireFinite(row.Threshold, "Threshold", where);
            RequireFinite(row.IntervalLow, "IntervalLow", where);
            RequireFinite(row.IntervalHigh, "IntervalHigh", where);
            RequireFinite(row.Prediction, "Prediction", where);

            if (row.IntervalLow > row.IntervalHigh)
            {
                throw new ArgumentException(
                    $"{where}: IntervalLow {Number(row.IntervalLow)} is above IntervalHigh {Number(row.IntervalHigh)}", nameof(rows));
            }

            if (row.Threshold < row.IntervalLow || row.Threshold > row.IntervalHigh)
            {
                throw new ArgumentException(
                    $"{where}: Threshold {Number(row.Threshold)} lies outside its interval [{Number(row.IntervalLow)}, {Number(row.IntervalHigh)}]", nameof(rows));
            }
        }
    }

    private static void RequireText(string? value, string field, string where)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{where}: {field} is empty", "rows");
        }
    }

    private static void RequireFinite(double? value, string field, string where)
    {
        if (value is { } number && !double.IsFinite(number))
        {
            throw new ArgumentException($"{where}: {field} is {Number(number)}, not a finite number", "rows");
        }
    }

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}
