using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;

namespace Bench.Campaigns.Running;

/// <summary>How many trials with a terminal result an experiment's search may spend at most, as its search states it.</summary>
public static class TrialBudget
{
    /// <summary>The search's own bound; null for a search that states none. Repeats of invalid trials come on top.</summary>
    public static int? MaximumTrials(ExperimentDefinition experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return experiment.SearchMethod switch
        {
            SearchMethod.Bisection => new BisectionSearch(experiment.Range.From, experiment.Range.To, experiment.Resolution, experiment.InvalidTrialLimit).MaximumTrials,
            SearchMethod.Staircase => new StaircaseSearch(experiment.Range.From, experiment.Range.To, experiment.Resolution, experiment.MaximumTrials, experiment.InvalidTrialLimit).MaximumTrials,
            _ => null,
        };
    }
}
