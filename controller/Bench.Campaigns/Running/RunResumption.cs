using System.Globalization;
using System.Text.Json;
using Bench.Campaigns.Experiments;
using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>What <c>bench run --resume</c> does with an output folder's runs.</summary>
public enum RunResumptionVerdict
{
    /// <summary>The folder's last run stopped before its end (killed, Ctrl-C, internal error): take it up again.</summary>
    Resume,

    /// <summary>The last run completed: nothing to resume.</summary>
    AlreadyFinished,

    /// <summary>No run to resume, or not this campaign's: bad input.</summary>
    Refused,
}

/// <summary>
/// Decides whether a folder's last run can be resumed with this campaign: the same campaign name and the same
/// <see cref="CampaignFingerprint"/> (campaign file, fixture files, overrides) as recorded when it started.
/// </summary>
/// <param name="Run">The folder's last run; null when it holds none.</param>
/// <param name="Message">Why, in a sentence naming the run (for the console).</param>
public sealed record RunResumption(RunResumptionVerdict Verdict, StoredRun? Run, string Message)
{
    /// <summary>The key in a run's details JSON under which its campaign fingerprint is recorded.</summary>
    public const string FingerprintKey = "campaignFingerprint";

    public static RunResumption Assess(IReadOnlyList<StoredRun> runs, CampaignDefinition campaign, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(campaign);
        if (runs.Count == 0) return new(RunResumptionVerdict.Refused, null, "holds no run to resume");

        var run = runs[^1];
        var name = $"run {run.RunKey ?? run.Id.ToString(CultureInfo.InvariantCulture)}";
        if (run.Name != campaign.Name)
            return new(RunResumptionVerdict.Refused, run, $"its last run, {name}, is of campaign '{run.Name}', not '{campaign.Name}'; resume it with its own campaign file");
        var recorded = RecordedFingerprint(run);
        if (recorded is null)
            return new(RunResumptionVerdict.Refused, run, $"{name} was recorded without a campaign fingerprint (before --resume existed) and cannot be resumed");
        if (recorded != fingerprint)
            return new(RunResumptionVerdict.Refused, run,
                $"{name} was started with other campaign or fixture files or other --set overrides than these; resume it with the same ones, or start a new run");
        if (run.Outcome == "completed")
            return new(RunResumptionVerdict.AlreadyFinished, run, $"{name} already finished (completed {run.EndedUtc}): nothing to resume");
        return new(RunResumptionVerdict.Resume, run, $"{name} ({run.Outcome ?? "never ended"}, started {run.StartedUtc}) resumed");
    }

    private static string? RecordedFingerprint(StoredRun run)
    {
        if (run.DetailsJson is null) return null;
        try
        {
            using var details = JsonDocument.Parse(run.DetailsJson);
            return details.RootElement.ValueKind == JsonValueKind.Object
                && details.RootElement.TryGetProperty(FingerprintKey, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
