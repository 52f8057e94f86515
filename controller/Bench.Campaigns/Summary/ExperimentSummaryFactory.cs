using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;

namespace Bench.Campaigns.Summary;

/// <summary>Joins an experiment's definition with its search result into a summary row.</summary>
public static class ExperimentSummaryFactory
{
    public static ExperimentSummary Create(ExperimentDefinition experiment, ThresholdSearchResult result, ThresholdPrediction? prediction = null)
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
            TimeScale = experiment.Terminal.SimulationTimeScale,
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
