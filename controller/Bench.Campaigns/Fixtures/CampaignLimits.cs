using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// What a run can do, checked when a campaign is loaded rather than found out mid-run: file and list
/// sizes with a clear cap, terminal timers, and each experiment's settle window and timers against
/// the trial watchdog (<see cref="TrialWatchdog"/>) at the time scale the trials will run at.
/// </summary>
public static class CampaignLimits
{
    /// <summary>Largest fixture file read (the fixtures' reader enforces it for every file).</summary>
    public const long MaximumFixtureFileBytes = YamlFixtureFile.MaximumFileBytes;

    /// <summary>Most experiments in one campaign: each is a threshold search of a dozen trials, each trial up to minutes of rig time.</summary>
    public const int MaximumExperiments = 200;

    /// <summary>Longest terminal timer accepted (terminal time): real terminals time out in seconds to minutes.</summary>
    public static readonly TimeSpan MaximumTerminalTimer = TimeSpan.FromHours(1);

    internal static void CheckExperimentCount(YamlMappingReader reader, string key, int count)
    {
        if (count > MaximumExperiments)
        {
            throw reader.Error(key, $"lists {count} experiments; a campaign holds at most {MaximumExperiments} (split it into several campaigns)");
        }
    }

    internal static void CheckTerminalTimer(YamlMappingReader reader, string key, TimeSpan duration)
    {
        if (duration > MaximumTerminalTimer)
        {
            throw reader.Error(key, $"must be at most {DurationText.Format(MaximumTerminalTimer)} (got {DurationText.Format(duration)})");
        }
    }

    /// <summary>The experiment's trials must fit the trial watchdog: its timers at the run's time scale, and its settle window inside the timer budget.</summary>
    /// <param name="terminalKey">The key that chose the experiment's terminal profile (its own <c>terminal</c>, or the campaign's), for the error's position.</param>
    internal static void CheckTrialFitsWatchdog(
        YamlMappingReader experimentReader, YamlMappingReader terminalReader, string terminalKey, ExperimentDefinition experiment, RigDefinition rig)
    {
        var profile = experiment.Terminal;
        var timeScale = rig.GpioDriver == GpioDriverKind.Simulated ? profile.SimulationTimeScale : 1;
        var budget = TrialWatchdog.TimerBudget(profile);
        // In seconds as a double: a tiny time scale must give an error, not a TimeSpan overflow.
        var wallSeconds = budget.TotalSeconds * 2 / timeScale + TrialWatchdog.RigAllowance.TotalSeconds;
        if (wallSeconds > TrialWatchdog.MaximumWallTime.TotalSeconds)
        {
            throw terminalReader.Error(terminalKey,
                $"profile {experiment.TerminalFile} ({profile.Model}): one trial may take up to {Seconds(wallSeconds)} of wall time " +
                $"(timers of {DurationText.Format(budget)} twice over at time scale {profile.SimulationTimeScale.ToString(CultureInfo.InvariantCulture)}); " +
                $"the trial watchdog allows at most {DurationText.Format(TrialWatchdog.MaximumWallTime)}: shorten the profile's timers");
        }

        if (experiment.Settle > budget)
        {
            throw experimentReader.Error("settle",
                $"{DurationText.Format(experiment.Settle)} does not fit inside the trial watchdog for {profile.Model}: at most {DurationText.Format(budget)} " +
                "(its card-read timer, then connect and response timers for the sale and each reversal attempt); shorten it");
        }
    }

    private static string Seconds(double seconds) =>
        seconds < 3600 * 100 ? DurationText.Format(TimeSpan.FromSeconds(Math.Round(seconds))) : $"{seconds.ToString("0.###E+0", CultureInfo.InvariantCulture)}s";
}
