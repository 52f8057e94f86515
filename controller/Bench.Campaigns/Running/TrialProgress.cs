using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Running;

/// <summary>
/// What <see cref="CampaignRunner.Progress"/> reports: a trial about to run (<see cref="Result"/> null) or just
/// ended (replayed ones of a resumed run too), for the operator's console.
/// </summary>
/// <param name="TrialNumber">The trial's number in its experiment, from 1, invalid trials included.</param>
/// <param name="Parameter">The injection's value for the trial, in the kind's unit.</param>
public sealed record TrialProgress(ExperimentDefinition Experiment, int TrialNumber, double Parameter, TrialResult? Result)
{
    public bool Ended => Result is not null;

    /// <summary>Trials with a terminal result the experiment's search may spend (<see cref="TrialBudget"/>); null when unknown.</summary>
    public int? MaximumTrials => TrialBudget.MaximumTrials(Experiment);
}
