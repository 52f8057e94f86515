using System.Globalization;

namespace Bench.Campaigns.Search;

/// <summary>
/// Runs a search's trials: records each in order, repeats a trial that is no data point at the same parameter up to
/// the invalid-trial limit, and words why a search had to stop.
/// </summary>
internal sealed class SearchTrialRunner(Func<double, CancellationToken, Task<TrialObservation>> runTrial, int invalidTrialLimit)
{
    private readonly List<SearchTrial> trials = [];

    public IReadOnlyList<SearchTrial> Trials => trials;

    /// <summary>Trials with a terminal result so far.</summary>
    public int DataPoints => trials.Count(trial => trial.Outcome.IsDataPoint());

    /// <summary>Trials excluded so far (rig faults, invalid trials).</summary>
    public int Excluded => trials.Count(trial => !trial.Outcome.IsDataPoint());

    /// <summary>Runs a trial, repeating it while it is no data point; an outcome that is still no data point ends the search.</summary>
    public async Task<TrialOutcome> RunAsync(double parameter, CancellationToken cancellationToken)
    {
        var outcome = TrialOutcome.Invalid;
        for (var attempt = 0; attempt < invalidTrialLimit && !outcome.IsDataPoint(); attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observation = await runTrial(parameter, cancellationToken).ConfigureAwait(false);
            outcome = observation.Outcome;
            trials.Add(new SearchTrial(trials.Count + 1, parameter, outcome)
            {
                Reason = outcome.IsDataPoint() ? null : observation.Reason ?? outcome.ToString(),
            });
        }

        return outcome;
    }

    /// <summary>Why a search stopped on an outcome it cannot use: a decline, or invalid trials up to the limit.</summary>
    public string StopExplanation(TrialOutcome outcome, double parameter, string searchName)
    {
        if (outcome.IsDataPoint())
        {
            return $"search aborted: the terminal showed {outcome} at {Text(parameter)}, but {searchName} needs approved or timeout";
        }

        var streak = trials.TakeLast(invalidTrialLimit).ToList();
        var what = streak.All(trial => trial.Outcome == TrialOutcome.RigFault) ? "rig fault" : "invalid trial";
        var times = streak.Count switch { 1 => "once", 2 => "twice", _ => $"{streak.Count} times" };
        var reasons = string.Join("; ", streak.Select(trial => trial.Reason).Distinct());
        return $"search aborted: {what} {times} in a row at {Text(parameter)} ({reasons}); " +
            "rig faults and invalid trials are not terminal results";
    }

    public static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
