using Bench.Codec;

namespace Bench.Reports.Exports;

/// <summary>trials.csv: one row per trial, in the order they ended, with what each measured.</summary>
public static class TrialsCsv
{
    public const string FileName = "trials.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "experiment", "trial", "parameter", "outcome", "terminal_result", "time_to_result_s", "host_request_to_reply_s",
        "ledger_net_debit_minor_units", "stan", "invalid_reason", "started_ns", "ended_ns", "duration_s",
    ];

    public static string Write(ReportRun run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = Path.Combine(directory, FileName);
        Csv.Write(path, Header, run.Trials.Select(trial =>
        {
            var details = TrialDetails.Of(trial);
            return (IReadOnlyList<string?>)
            [
                trial.ExperimentName,
                Csv.Number(trial.TrialIndex),
                Csv.Number(trial.ParameterValue),
                trial.Outcome,
                details.TerminalResult,
                Csv.Number(details.TimeToResultSeconds),
                Csv.Number(details.HostRequestToReplySeconds),
                Csv.Number(details.LedgerNetDebitMinorUnits),
                details.Stan,
                details.RigFault is { } reason ? PanMask.MaskText(reason) : null,
                Csv.Number(trial.StartedNanoseconds),
                Csv.Number(trial.EndedNanoseconds),
                Csv.Number((trial.EndedNanoseconds - trial.StartedNanoseconds) / 1e9),
            ];
        }));
        return path;
    }
}
