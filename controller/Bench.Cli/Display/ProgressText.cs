using System.Globalization;
using Bench.Campaigns.Running;

namespace Bench.Cli.Display;

/// <summary>The words the live display and the plain progress lines share, so both say the same thing.</summary>
public static class ProgressText
{
    /// <summary><c>experiment 1 of 2: quick-delay (hostResponseDelay, Verifone VX520)</c>.</summary>
    public static string Experiment(RunProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Experiment is not { } experiment
            ? "starting"
            : string.Create(CultureInfo.InvariantCulture,
                $"experiment {snapshot.ExperimentNumber} of {snapshot.ExperimentCount}: {experiment.Name} ({experiment.Kind.Name}, {experiment.Terminal.Model})");
    }

    /// <summary><c>trial 3 of at most 7: host delay 32 s</c>.</summary>
    public static string Trial(TrialProgress trial, int? bound)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var of = bound is { } most ? string.Create(CultureInfo.InvariantCulture, $" of at most {Math.Max(most, trial.TrialNumber)}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"trial {trial.TrialNumber}{of}: {Injection(trial)}");
    }

    /// <summary><c>trial 2: host delay 16 s: Approved after 16.41 s</c> (replayed ones say so).</summary>
    public static string Ended(TrialProgress trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var result = trial.Result ?? throw new ArgumentException("the trial has not ended", nameof(trial));
        var what = result.RigFault is { } reason ? $"{result.Outcome} ({reason})" : $"{result.Outcome} after {Number(result.TimeToResultSeconds)} s";
        return string.Create(CultureInfo.InvariantCulture,
            $"trial {trial.TrialNumber}: {Injection(trial)}: {what}{(result.Replayed ? " (replayed from the interrupted run)" : "")}");
    }

    /// <summary><c>elapsed 00:01:12, at most about 00:03:40 left</c>.</summary>
    public static string Time(RunProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var left = snapshot.RemainingAtMost is { } remaining ? $"at most about {Duration(remaining)} left" : "time left: estimating";
        return $"elapsed {Duration(snapshot.Elapsed)}, {left}";
    }

    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours:00}:{duration.Minutes:00}:{duration.Seconds:00}");

    private static string Injection(TrialProgress trial) =>
        $"{trial.Experiment.Kind.ParameterName} {Number(trial.Parameter)} {trial.Experiment.Kind.ParameterUnit}";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
