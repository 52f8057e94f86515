using System.Globalization;
using System.Text.Json;
using Bench.Campaigns.Search;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>
/// A trial's <see cref="TrialResult"/> rebuilt from its row in results.db and the details JSON the runner
/// recorded with it, so a resumed run can feed its search and plots what the interrupted run measured.
/// </summary>
public static class StoredTrialResult
{
    /// <exception cref="FormatException">The row or its details cannot be read back (names the trial and what).</exception>
    public static TrialResult Read(StoredTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var where = $"trial {trial.TrialIndex.ToString(CultureInfo.InvariantCulture)} of experiment {trial.ExperimentName}";
        if (!Enum.TryParse<TrialOutcome>(trial.Outcome, ignoreCase: false, out var outcome))
            throw new FormatException($"{where}: outcome '{trial.Outcome}' is not a trial outcome");
        if (trial.DetailsJson is null) throw new FormatException($"{where}: no details recorded");

        try
        {
            using var document = JsonDocument.Parse(trial.DetailsJson);
            var details = document.RootElement;
            return new TrialResult(
                outcome,
                details.GetProperty("timeToResultSeconds").GetDouble(),
                Double(details, "hostRequestToReplySeconds"),
                details.GetProperty("ledgerNetDebitMinorUnits").GetInt64())
            {
                TerminalResult = Text(details, "terminalResult"),
                Stan = Text(details, "stan"),
                LedgerKey = Present(details, "ledgerKey") is { } key
                    ? new LedgerKey(key.GetProperty("terminalId").GetString()!, key.GetProperty("batch").GetString()!, key.GetProperty("stan").GetString()!)
                    : null,
                ReversalsSent = Present(details, "reversalsSent") is { } reversals ? [.. reversals.EnumerateArray().Select(stan => stan.GetString()!)] : [],
                RigFault = Text(details, "rigFault"),
                RequestBytes = Present(details, "requestBytes")?.GetInt32(),
                ReplyBytes = Present(details, "replyBytes")?.GetInt32(),
                StartedNanoseconds = trial.StartedNanoseconds,
                EndedNanoseconds = trial.EndedNanoseconds,
            };
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{where}: its details cannot be read back ({error.Message})", error);
        }
    }

    private static JsonElement? Present(JsonElement details, string name) =>
        details.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement details, string name) => Present(details, name)?.GetString();

    private static double? Double(JsonElement details, string name) => Present(details, name)?.GetDouble();
}
