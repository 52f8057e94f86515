using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Fixtures;

namespace Bench.Campaigns.Expectations;

/// <summary>
/// Reads a baseline run's summary.json (campaign key <c>baseline:</c>, relative to the campaign file, or
/// <c>bench run --baseline FILE</c>): the run id and each experiment's threshold, unit and interval. Only those
/// properties are read, so a summary from an older or newer bench with more or fewer other properties still serves.
/// </summary>
public static class ExpectationBaselineLoader
{
    /// <summary>The campaign key naming the baseline summary.</summary>
    public const string Key = "baseline";

    // A summary lists its checker's violations: far larger than a fixture may be, but not unbounded.
    private const long MaximumFileBytes = 64_000_000;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowTrailingCommas = false,
    };

    /// <summary>The campaign's <c>baseline:</c>, loaded; null without the key.</summary>
    /// <exception cref="CampaignFileException">The file is missing or is not a run summary (reported in it, and where the campaign names it).</exception>
    public static ExpectationBaseline? Read(YamlMappingReader campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.OptionalFile(Key) is { } file ? ReferencedFixture.Load(campaign, Key, file, Load) : null;
    }

    /// <exception cref="CampaignFileException">The file is missing, too large, or is not a run summary.</exception>
    public static ExpectationBaseline Load(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fullPath = Path.GetFullPath(file);
        if (!File.Exists(fullPath))
        {
            throw new CampaignFileException(file, 0, 0, "", "baseline summary does not exist; name a summary.json a run wrote");
        }

        if (new FileInfo(fullPath).Length > MaximumFileBytes)
        {
            throw new CampaignFileException(file, 0, 0, "", $"baseline summary is larger than {MaximumFileBytes / 1_000_000} MB; name a summary.json a run wrote");
        }

        SummaryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SummaryDocument>(File.ReadAllBytes(fullPath), Options);
        }
        catch (JsonException error)
        {
            var keyPath = error.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
            var problem = error.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            throw new CampaignFileException(
                file, (int)(error.LineNumber ?? 0) + 1, (int)(error.BytePositionInLine ?? 0) + 1, keyPath, $"not a run summary: {problem}", error);
        }

        if (document?.RunId is not { Length: > 0 } runId)
        {
            throw new CampaignFileException(file, 1, 1, "runId", "not a run summary: runId is missing; name a summary.json a run wrote");
        }

        if (document.Experiments is not { } experiments)
        {
            throw new CampaignFileException(file, 1, 1, "experiments", "not a run summary: experiments is missing; name a summary.json a run wrote");
        }

        var thresholds = new List<BaselineThreshold>(experiments.Count);
        for (var index = 0; index < experiments.Count; index++)
        {
            var experiment = experiments[index];
            if (experiment is not { Name.Length: > 0, ParameterUnit.Length: > 0, Status.Length: > 0 })
            {
                throw new CampaignFileException(file, 1, 1, $"experiments[{index}]", "not a run summary: an experiment lacks its name, parameterUnit or status");
            }

            thresholds.Add(new BaselineThreshold(experiment.Name, experiment.ParameterUnit, experiment.Threshold, experiment.IntervalLow, experiment.IntervalHigh, experiment.Status));
        }

        return new ExpectationBaseline(fullPath, runId, thresholds);
    }

    private sealed record SummaryDocument(string? RunId, IReadOnlyList<ExperimentDocument?>? Experiments);

    private sealed record ExperimentDocument(
        string? Name, string? ParameterUnit, string? Status, double? Threshold, double? IntervalLow, double? IntervalHigh);
}
