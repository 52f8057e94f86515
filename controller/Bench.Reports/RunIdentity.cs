using System.Text.Json;

namespace Bench.Reports;

/// <summary>Which run a report is of: campaign, run id, terminals, firmware, rig, the bench's own commit, overrides.</summary>
/// <param name="FirmwareVersions">The terminals' firmware versions, when the run recorded them; empty when unknown.</param>
/// <param name="BenchCommit">The bench's source revision the run was made with, when it was known.</param>
public sealed record RunIdentity(
    string Campaign,
    string RunKey,
    string? CampaignFile,
    string StartedUtc,
    string? EndedUtc,
    string? Outcome,
    IReadOnlyList<string> TerminalModels,
    IReadOnlyList<string> FirmwareVersions,
    string? Rig,
    string? BenchCommit,
    IReadOnlyList<string> Overrides,
    bool RawFrames)
{
    /// <summary>Combines the run's row, its details (written by <c>bench run</c>), its experiments' details and the summary.</summary>
    public static RunIdentity From(Bench.Results.StoredRun run, string? detailsJson, IEnumerable<string?> experimentDetails, RunSummaryDocument summary)
    {
        var details = JsonValues.Parse(detailsJson) ?? default;
        var experiments = experimentDetails.Select(JsonValues.Parse).OfType<JsonElement>().ToList();
        var models = experiments.Select(element => JsonValues.Text(element, "terminalModel"))
            .Concat(summary.Experiments.Select(experiment => experiment.TerminalModel))
            .Concat(JsonValues.Array(details, "terminalModels").Select(element => element.ValueKind == JsonValueKind.String ? element.GetString() : null))
            .OfType<string>().Where(model => model.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var firmware = experiments.Select(element => JsonValues.Text(element, "firmwareVersion"))
            .Append(JsonValues.Text(details, "firmwareVersion"))
            .OfType<string>().Where(version => version.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var overrides = summary.Overrides.Count > 0
            ? summary.Overrides
            : JsonValues.Array(details, "overrides").Select(element => JsonValues.Text(element, "path") is { } path ? $"{path}={JsonValues.Text(element, "value")}" : null)
                .OfType<string>().ToList();
        return new RunIdentity(
            summary.CampaignName ?? run.Name,
            run.RunKey ?? summary.RunId ?? run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValues.Text(details, "campaign"),
            run.StartedUtc,
            run.EndedUtc,
            run.Outcome,
            models,
            firmware,
            JsonValues.Text(details, "rig"),
            JsonValues.Text(details, "benchCommit"),
            overrides,
            JsonValues.Flag(details, "rawFrames"));
    }
}
