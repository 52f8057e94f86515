using Bench.Campaigns.Experiments;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Search;

/// <summary>Builds the search an experiment asks for, over its range and resolution, with its budgets.</summary>
public static class ThresholdSearchFactory
{
    /// <param name="prediction">The threshold predicted before any trial (<see cref="ThresholdPredictor.PredictBeforeRun"/>); only the frugal search uses it.</param>
    public static IThresholdSearch Create(ExperimentDefinition experiment, ThresholdPrediction? prediction)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var (from, to) = (experiment.Range.From, experiment.Range.To);
        return experiment.SearchMethod switch
        {
            SearchMethod.Staircase => new StaircaseSearch(from, to, experiment.Resolution, experiment.MaximumTrials, experiment.InvalidTrialLimit),
            SearchMethod.Psychometric => new PsychometricSearch(
                from, to, experiment.Resolution, experiment.EffectiveIntervalWidth, experiment.MaximumTrials, experiment.InvalidTrialLimit),
            // A mirrored kind is searched on mirrored outcomes: its real approvals, the short trials, lie above the flip.
            SearchMethod.Frugal => new FrugalSearch(
                from, to, experiment.Resolution, prediction?.Value, experiment.ConfirmationTrials, experiment.InvalidTrialLimit,
                experiment.Kind.ApprovedAboveThreshold ? CheapSide.Above : CheapSide.Below),
            _ => new BisectionSearch(from, to, experiment.Resolution, experiment.InvalidTrialLimit),
        };
    }
}
