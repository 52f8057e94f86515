using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;

namespace Bench.Cli.Display;

/// <summary>
/// Follows a run's <see cref="TrialProgress"/> reports and estimates the rig time left: the mean time of the
/// real trials so far times the trials the searches may still spend (their stated bounds). Replayed trials of a
/// resumed run cost no rig time and do not count towards the mean. Thread-safe: reports come from the runner.
/// </summary>
public sealed class RunProgressTracker : IProgress<TrialProgress>
{
    private readonly IReadOnlyList<ExperimentDefinition> experiments;
    private readonly TimeProvider clock;
    private readonly long started;
    private readonly Lock gate = new();
    private readonly Dictionary<string, (int Ended, int Invalid)> tallies = new(StringComparer.Ordinal);

    private TrialProgress? running;
    private long runningSince;
    private TrialProgress? lastEnded;
    private TimeSpan realTrialTime;
    private int realTrials;

    public RunProgressTracker(IReadOnlyList<ExperimentDefinition> experiments, TimeProvider clock)
    {
        this.experiments = experiments ?? throw new ArgumentNullException(nameof(experiments));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        started = clock.GetTimestamp();
    }

    /// <summary>Raised after each report, on the runner's thread.</summary>
    public event Action<TrialProgress, RunProgressSnapshot>? Reported;

    public void Report(TrialProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RunProgressSnapshot snapshot;
        lock (gate)
        {
            if (value.Result is not { } result)
            {
                running = value;
                runningSince = clock.GetTimestamp();
            }
            else
            {
                if (!result.Replayed && running is not null)
                {
                    realTrialTime += clock.GetElapsedTime(runningSince);
                    realTrials++;
                }
                var tally = tallies.GetValueOrDefault(value.Experiment.Name);
                tallies[value.Experiment.Name] = (tally.Ended + 1, tally.Invalid + (result.Outcome.IsDataPoint() ? 0 : 1));
                running = null;
                lastEnded = value;
            }
            snapshot = SnapshotLocked();
        }
        Reported?.Invoke(value, snapshot);
    }

    public RunProgressSnapshot Snapshot()
    {
        lock (gate) return SnapshotLocked();
    }

    private RunProgressSnapshot SnapshotLocked()
    {
        var current = (running ?? lastEnded)?.Experiment;
        var index = current is null ? -1 : IndexOf(current.Name);
        return new RunProgressSnapshot(
            index + 1, experiments.Count, current, current is null ? null : Bound(current), running, lastEnded,
            clock.GetElapsedTime(started), Remaining(index));
    }

    /// <summary>The experiment's search bound plus the invalid trials it repeated so far.</summary>
    private int? Bound(ExperimentDefinition experiment) =>
        TrialBudget.MaximumTrials(experiment) + tallies.GetValueOrDefault(experiment.Name).Invalid;

    private TimeSpan? Remaining(int currentIndex)
    {
        if (realTrials == 0) return null;
        var trialsLeft = 0;
        for (var index = Math.Max(currentIndex, 0); index < experiments.Count; index++)
        {
            var experiment = experiments[index];
            if (Bound(experiment) is not { } bound) return null;
            trialsLeft += Math.Max(0, bound - tallies.GetValueOrDefault(experiment.Name).Ended);
        }
        var mean = realTrialTime / realTrials;
        var left = mean * trialsLeft;
        // The trial under way has spent part of its share already.
        if (running is not null) left -= TimeSpan.FromTicks(Math.Min(clock.GetElapsedTime(runningSince).Ticks, mean.Ticks));
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    private int IndexOf(string name)
    {
        for (var index = 0; index < experiments.Count; index++)
            if (experiments[index].Name == name) return index;
        return -1;
    }
}
