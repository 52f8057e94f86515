using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Running;

/// <summary>
/// Runs one trial of an experiment on a rig (simulated or real): injects the experiment's failure
/// at the given parameter value, makes one sale, waits the experiment's settle window, and reports.
/// Rig problems are reported as <see cref="Search.TrialOutcome.RigFault"/>, not thrown.
/// </summary>
public interface ITrialExecutor
{
    Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken);
}
