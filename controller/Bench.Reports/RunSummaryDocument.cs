using System.Text.Json;

namespace Bench.Reports;

/// <summary>
/// The run's summary document (what summary.json holds), read leniently: experiments, overrides, the checker's
/// findings and the expectations, each absent when the document lacks it.
/// </summary>
/// <param name="Expectations">Null when the document has no <c>expectations</c> array (the report then has no expectations section).</param>
public sealed record RunSummaryDocument(
    string? RunId,
    string? CampaignName,
    string? StartedAt,
    string? EndedAt,
    IReadOnlyList<ExperimentResult> Experiments,
    IReadOnlyList<string> Overrides,
    CheckerFindings? Checker,
    IReadOnlyList<Expectation>? Expectations)
{
    public static RunSummaryDocument Empty { get; } = new(null, null, null, null, [], [], null, null);

    public static RunSummaryDocument Read(JsonElement root) => new(
        JsonValues.Text(root, "runId"),
        JsonValues.Text(root, "campaignName"),
        JsonValues.Text(root, "startedAt"),
        JsonValues.Text(root, "endedAt"),
        JsonValues.Array(root, "experiments").Select(ExperimentResult.Read).OfType<ExperimentResult>().ToList(),
        JsonValues.Array(root, "overrides").Select(OverrideText).OfType<string>().ToList(),
        JsonValues.Property(root, "checker") is { ValueKind: JsonValueKind.Object } checker ? CheckerFindings.Read(checker) : null,
        JsonValues.Property(root, "expectations") is { ValueKind: JsonValueKind.Array } expectations
            ? expectations.EnumerateArray().Select(Expectation.Read).OfType<Expectation>().ToList()
            : null);

    /// <summary>Reads summary.json's text; throws <see cref="ReportInputException"/> when it is not a JSON object.</summary>
    public static RunSummaryDocument Parse(string json, string source) =>
        JsonValues.Parse(json) is { ValueKind: JsonValueKind.Object } root
            ? Read(root)
            : throw new ReportInputException($"{source}: not a summary (a JSON object with runId and experiments)");

    private static string? OverrideText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object when JsonValues.Text(element, "path") is { } path => $"{path}={JsonValues.Text(element, "value")}",
        _ => null,
    };
}
