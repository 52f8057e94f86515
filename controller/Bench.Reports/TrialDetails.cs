using Bench.Results;

namespace Bench.Reports;

/// <summary>What a trial's stored details say (written by the campaign runner as each trial ends); every field optional.</summary>
public sealed record TrialDetails(
    string? TerminalResult,
    double? TimeToResultSeconds,
    double? HostRequestToReplySeconds,
    double? LedgerNetDebitMinorUnits,
    string? Stan,
    string? RigFault)
{
    public static TrialDetails Of(StoredTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (JsonValues.Parse(trial.DetailsJson) is not { } details) return new TrialDetails(null, null, null, null, null, null);
        return new TrialDetails(
            JsonValues.Text(details, "terminalResult"),
            JsonValues.Number(details, "timeToResultSeconds"),
            JsonValues.Number(details, "hostRequestToReplySeconds"),
            JsonValues.Number(details, "ledgerNetDebitMinorUnits"),
            JsonValues.Text(details, "stan"),
            JsonValues.Text(details, "rigFault"));
    }
}
