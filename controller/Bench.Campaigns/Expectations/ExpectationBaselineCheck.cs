using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Fixtures;

namespace Bench.Campaigns.Expectations;

/// <summary>
/// Holds a campaign's <c>maxMoveFromBaseline</c> expectations against its baseline before any trial runs: each
/// needs a baseline, with the same experiment, measured in the same unit.
/// </summary>
public static class ExpectationBaselineCheck
{
    /// <exception cref="CampaignFileException">At the expectation: no baseline, the baseline lacks the experiment, or its unit differs.</exception>
    public static void Check(CampaignDefinition campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        foreach (var experiment in campaign.Experiments)
        {
            foreach (var expectation in experiment.Expectations.Where(expectation => expectation.Quantity.Kind == ExpectationQuantityKind.MoveFromBaseline))
            {
                if (campaign.Baseline is not { } baseline)
                {
                    throw expectation.Origin.Error(
                        $"needs a baseline run: set {ExpectationBaselineLoader.Key}: path/to/summary.json in the campaign or pass --baseline FILE");
                }

                var recorded = baseline.Find(experiment.Name)
                    ?? throw expectation.Origin.Error(
                        $"the baseline {baseline.File} (run {baseline.RunId}) has no experiment '{experiment.Name}'; it has: {string.Join(", ", baseline.Experiments.Select(known => known.Experiment))}");
                if (!string.Equals(recorded.Unit, experiment.Kind.ParameterUnit, StringComparison.Ordinal))
                {
                    throw expectation.Origin.Error(
                        string.Create(CultureInfo.InvariantCulture,
                            $"unit mismatch: the baseline {baseline.File} measured '{experiment.Name}' in {recorded.Unit}, this campaign's {experiment.Kind.Name} in {experiment.Kind.ParameterUnit}"));
                }
            }
        }
    }
}
