using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Checking;

/// <summary>
/// The end of a campaign (simulated or on a real rig): the final settle on every station the run opened, every recorded frame and
/// event committed, then the checker over the results store.
/// </summary>
/// <param name="hostRules">The campaign's host rules: the idle sale avoids an amount they fence for a fault.</param>
public sealed class SimulatedRunChecker(
    ITestStationFactory stations, FrameRecorder recorder, ResultsRun results, CampaignDefinition campaign, ILogger logger,
    HostRuleSet? hostRules = null) : IRunChecker
{
    /// <summary>The idle sale's amount when every experiment's amount for the terminal is fenced by a host rule.</summary>
    private const long DefaultIdleSaleAmount = 100;

    public async Task<CheckerReport> CheckAsync(CancellationToken cancellationToken)
    {
        var settled = stations.OpenedStations
            .Select(station => (station, IdleSaleAmount(station)))
            .ToList();
        await FinalSettle.RunAsync(settled, logger, cancellationToken);
        await recorder.FlushAsync(cancellationToken);
        return CheckerRunner.Check(results.Store, results.RunId);
    }

    /// <summary>
    /// The terminal's first experiment amount that no amount-fenced host rule touches, so the idle sale is a plain one
    /// (a sale whose every reply has a corrupt MAC would leave a reversal of its own); failing that, the default.
    /// </summary>
    private long IdleSaleAmount(TestStation station)
    {
        var candidates = campaign.Experiments.Where(experiment => experiment.Terminal == station.Terminal)
            .Select(experiment => experiment.AmountMinorUnits).Append(DefaultIdleSaleAmount);
        return candidates.FirstOrDefault(amount => !IsFenced(amount), candidates.First());
    }

    private bool IsFenced(long amount) =>
        hostRules?.Rules.Any(rule => (rule.Match.MinimumAmount is not null || rule.Match.MaximumAmount is not null)
            && !(amount < rule.Match.MinimumAmount) && !(amount > rule.Match.MaximumAmount)) ?? false;
}
