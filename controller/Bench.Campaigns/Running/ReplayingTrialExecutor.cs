using Bench.Campaigns.Experiments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Running;

/// <summary>
/// The trial executor of a resumed run: hands each search the interrupted run's stored trials, in order, while
/// the search asks for the same parameters, then runs real trials on <paramref name="inner"/>. A replayed
/// result carries <see cref="TrialResult.Replayed"/>, so the runner does not record it again.
/// </summary>
public sealed class ReplayingTrialExecutor(ITrialExecutor inner, ResumedTrials resumed, ILogger? logger = null) : ITrialExecutor
{
    private readonly ILogger log = logger ?? NullLogger.Instance;

    public async Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = resumed.Replay(experiment, parameterValue, divergence => log.LogWarning(
            "Experiment {Experiment}: trial {Trial} asks for {Requested:0.###} {Unit} but the interrupted run's ran at {Stored:0.###} {Unit}: " +
            "replay stops here; its {Left} remaining stored trial(s) stay in results.db outside this search",
            divergence.Experiment, divergence.TrialNumber, divergence.Requested, experiment.Kind.ParameterUnit, divergence.Stored,
            experiment.Kind.ParameterUnit, divergence.StoredTrialsLeft));
        return stored ?? await inner.RunTrialAsync(experiment, parameterValue, cancellationToken).ConfigureAwait(false);
    }
}
