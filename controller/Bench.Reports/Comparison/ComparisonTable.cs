using System.Text;

namespace Bench.Reports.Comparison;

/// <summary>The comparison as a console table: experiment, A, B, change, and whether it moved.</summary>
public static class ComparisonTable
{
    public static string Format(ThresholdComparison comparison, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = comparison.Thresholds.Select(threshold => new[]
        {
            threshold.Experiment,
            Side(threshold.A),
            Side(threshold.B),
            threshold.Change is { } change ? (change >= 0 ? "+" : "") + ReportNumbers.Value(change, threshold.Unit) : "",
            (threshold.Moved ? "MOVED: " : "") + threshold.Verdict,
        }).ToList();
        string[] header = ["experiment", "A", "B", "B − A", "verdict"];
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.Append($"A: {nameA} ({comparison.A.RunId ?? "no run id"})\nB: {nameB} ({comparison.B.RunId ?? "no run id"})\n\n");
        foreach (var row in rows.Prepend(header))
            text.Append(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        var moved = comparison.Thresholds.Count(threshold => threshold.Moved);
        text.Append(moved == 0 ? "\nno threshold moved beyond its interval\n" : $"\n{moved} threshold(s) moved\n");
        return text.ToString();
    }

    private static string Side(ExperimentResult? result) => result switch
    {
        null => "absent",
        { Found: true } => $"{ReportNumbers.Value(result.Threshold, result.Unit)} {ReportNumbers.Interval(result.IntervalLow, result.IntervalHigh, null)}",
        _ => $"none ({result.Status})",
    };
}
