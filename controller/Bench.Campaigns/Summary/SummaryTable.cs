using System.Globalization;
using System.Text;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Search;

namespace Bench.Campaigns.Summary;

/// <summary>The run summary as a plain-text table for the console.</summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["experiment", "terminal", "kind", "threshold", "bracket", "timeout", "trials", "result"];

    private static readonly string[] ExpectationHeaders = ["experiment", "expectation", "measured", "limits", "unit", "trial", "verdict"];

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

        if (summary.Expectations.Count > 0)
        {
            AppendExpectations(text, summary.Expectations);
        }

        return text.ToString();
    }

    /// <summary>One row per expectation; a verdict other than pass gets its detail on the line below.</summary>
    private static void AppendExpectations(StringBuilder text, IReadOnlyList<ExpectationVerdict> verdicts)
    {
        var rows = verdicts.Select(ExpectationRow).ToList();
        var widths = ExpectationHeaders.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var counts = Enum.GetValues<ExpectationOutcome>()
            .Select(outcome => (outcome, count: verdicts.Count(verdict => verdict.Verdict == outcome)))
            .Where(tally => tally.count > 0)
            .Select(tally => $"{tally.count} {VerdictText(tally.outcome)}");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Expectations: {string.Join(", ", counts)}").AppendLine();
        AppendLine(text, ExpectationHeaders, widths);
        AppendLine(text, widths.Select(width => new string('-', width)).ToArray(), widths);
        foreach (var (row, verdict) in rows.Zip(verdicts))
        {
            AppendLine(text, row, widths);
            if (verdict.Verdict != ExpectationOutcome.Pass)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {verdict.Experiment} {verdict.Name}: {verdict.Detail}").AppendLine();
            }
        }
    }

    private static string[] ExpectationRow(ExpectationVerdict verdict)
    {
        var limits = (verdict.Low, verdict.High) switch
        {
            ({ } low, { } high) => $"[{Number(low)}, {Number(high)}]",
            ({ } low, null) => $">= {Number(low)}",
            (null, { } high) => $"<= {Number(high)}",
            _ => "-",
        };
        return
        [
            verdict.Experiment,
            verdict.Name,
            verdict.Measured is { } measured ? Number(measured) : "-",
            limits,
            verdict.Unit,
            verdict.TrialIndex is { } index ? $"#{Number(index)}" : "-",
            VerdictText(verdict.Verdict),
        ];
    }

    private static string VerdictText(ExpectationOutcome outcome) => outcome switch
    {
        ExpectationOutcome.Pass => "pass",
        ExpectationOutcome.Marginal => "MARGINAL",
        _ => "FAIL",
    };

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
