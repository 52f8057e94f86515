using System.Globalization;
using System.Text;
using Bench.Campaigns.Search;

namespace Bench.Campaigns.Summary;

/// <summary>The run summary as a plain-text table for the console.</summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["experiment", "terminal", "kind", "threshold", "bracket", "timeout", "trials", "result"];

    public static string Format(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.Experiments.Select(Row).ToList();
        var widths = Headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run {summary.RunId} ({summary.CampaignName}), ");
        text.Append(CultureInfo.InvariantCulture, $"{summary.StartedAt:u} to {summary.EndedAt:u}").AppendLine();
        AppendLine(text, Headers, widths);
        AppendLine(text, widths.Select(width => new string('-', width)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendLine(text, row, widths);
        }

        foreach (var experiment in summary.Experiments)
        {
            text.Append(CultureInfo.InvariantCulture, $"{experiment.Name}: {experiment.Explanation}").AppendLine();
        }

        return text.ToString();
    }

    private static string[] Row(ExperimentSummary experiment)
    {
        var unit = experiment.ParameterUnit;
        // A deterministic flip shows its bracket; a noisy one its 95 % interval, marked "50 %".
        var bracket = experiment.Probabilistic
            ? experiment.IntervalLow is null ? "-" : $"50 % [{Number(experiment.IntervalLow)}, {Number(experiment.IntervalHigh)}] {unit}"
            : experiment.LastApproved is null && experiment.FirstTimeout is null
                ? "-"
                : $"[{Number(experiment.LastApproved)}, {Number(experiment.FirstTimeout)}] {unit}";
        var trials = experiment.RigFaults == 0
            ? Number(experiment.TrialsUsed)
            : $"{Number(experiment.TrialsUsed)} (+{Number(experiment.RigFaults)} invalid)";
        return
        [
            experiment.Name,
            experiment.TerminalModel,
            experiment.InjectionKind,
            experiment.Threshold is { } threshold ? $"{Number(threshold)} {unit}" : "-",
            bracket,
            $"{Number(experiment.ConfiguredTimeoutSeconds)} s",
            trials,
            StatusText(experiment.Status),
        ];
    }

    private static string StatusText(ThresholdSearchStatus status) => status switch
    {
        ThresholdSearchStatus.Found => "found",
        ThresholdSearchStatus.NotFoundTimeoutAtLowerBound => "not found (below range)",
        ThresholdSearchStatus.NotFoundApprovedAtUpperBound or ThresholdSearchStatus.NotFoundTimeoutAtUpperBound => "not found (above range)",
        ThresholdSearchStatus.NotFoundApprovedAtLowerBound => "not found (below range)",
        _ => "aborted",
    };

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append(string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).AppendLine();
    }

    private static string Number(double? value) => value is { } number ? number.ToString("0.###", CultureInfo.InvariantCulture) : "?";
}
