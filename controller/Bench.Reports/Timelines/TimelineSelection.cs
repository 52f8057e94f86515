using Bench.Results;

namespace Bench.Reports.Timelines;

/// <summary>
/// Which trials get a timeline: every trial that did not end approved (timeouts, declines, invalid trials),
/// every trial a failed or marginal expectation names, and every trial the money checker names.
/// </summary>
public static class TimelineSelection
{
    public static IReadOnlyList<StoredTrial> Select(ReportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var named = new HashSet<(string Experiment, int Index)>();
        foreach (var expectation in run.Summary.Expectations ?? [])
            if ((expectation.Failed || expectation.IsMarginal) && expectation.TrialIndex is { } index) named.Add((expectation.Experiment, index));
        foreach (var violation in run.Summary.Checker?.Violations ?? [])
            if (violation.TrialExperiment is { } experiment && violation.TrialIndex is { } index) named.Add((experiment, index));
        return run.Trials.Where(trial => trial.Outcome != "Approved" || named.Contains((trial.ExperimentName, trial.TrialIndex))).ToList();
    }
}
