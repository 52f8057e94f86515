using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;
using Bench.Hardware;

namespace Bench.Campaigns.Summary;

/// <summary>Joins an experiment's definition with its search result into a summary row.</summary>
public static class ExperimentSummaryFactory
{
    /// <param name="rig">The rig the experiment ran on: a real one runs at time scale 1 whatever the profile's simulationTimeScale; null: simulated.</param>
    public static ExperimentSummary Create(
        ExperimentDefinition experiment, ThresholdSearchResult result, ThresholdPrediction? prediction = null, RigDefinition? rig = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(result);
        return new ExperimentSummary(
            experiment.Name,
            experiment.Kind.Name,
            experiment.Kind.ParameterName,
            experiment.Kind.ParameterUnit,
            result.Status,
            result.Threshold,
            result.LastApproved,
            result.FirstTimeout,
            result.BracketWidth,
            experiment.Resolution,
            result.TrialsUsed,
            result.RigFaults,
            experiment.Terminal.ResponseTimeout.TotalSeconds,
            experiment.Terminal.Model,
            result.Explanation)
        {
            Trigger = experiment.Trigger.ToString(),
            Link = experiment.Terminal.Link,
            TimeScale = rig is { IsSimulated: false } ? 1 : experiment.Terminal.SimulationTimeScale,
            Probabilistic = result.Probabilistic,
            IntervalLow = result.Probabilistic ? result.IntervalLow : result.LastApproved,
            IntervalHigh = result.Probabilistic ? result.IntervalHigh : result.FirstTimeout,
            Prediction = prediction,
            TrialsPerLevel = result.TrialsPerLevel,
            SearchMethod = result.SearchMethod ?? SearchMethods.Name(experiment.SearchMethod),
            Slope = result.Slope,
        };
    }
}
