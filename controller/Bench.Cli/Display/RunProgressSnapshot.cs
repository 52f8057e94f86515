using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;

namespace Bench.Cli.Display;

/// <summary>Where a run stands, for the operator's console: the current trial, the last ended one, and rig time.</summary>
/// <param name="ExperimentNumber">The current experiment's place in the campaign, from 1 (0 before the first trial).</param>
/// <param name="TrialBound">At most this many trials in the current experiment: its search's bound plus the invalid trials so far; null when the search states none.</param>
/// <param name="Running">The trial running now; null between trials.</param>
/// <param name="RemainingAtMost">Estimated rig time left if every search used its whole budget; null until a real trial has ended or when a bound is unknown.</param>
public sealed record RunProgressSnapshot(
    int ExperimentNumber,
    int ExperimentCount,
    ExperimentDefinition? Experiment,
    int? TrialBound,
    TrialProgress? Running,
    TrialProgress? LastEnded,
    TimeSpan Elapsed,
    TimeSpan? RemainingAtMost);
