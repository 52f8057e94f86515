using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Checking;

/// <summary>
/// The end of a simulated campaign: the final settle on every station the run opened, every recorded frame and
/// event committed, then the checker over the results store.
/// </summary>
public sealed class SimulatedRunChecker(
    SimulatedStationFactory stations, FrameRecorder recorder, ResultsRun results, CampaignDefinition campaign, ILogger logger) : IRunChecker
{
    /// <summary>The idle sale's amount when no experiment names the terminal (it never happens in a run).</summary>
    private const long DefaultIdleSaleAmount = 100;

    public async Task<CheckerReport> CheckAsync(CancellationToken cancellationToken)
    {
        var settled = stations.OpenStations.Select(simulated => simulated.Station)
            .Select(station => (station, campaign.Experiments.FirstOrDefault(experiment => experiment.Terminal == station.Terminal)?.AmountMinorUnits ?? DefaultIdleSaleAmount))
            .ToList();
        await FinalSettle.RunAsync(settled, logger, cancellationToken);
        await recorder.FlushAsync(cancellationToken);
        return CheckerRunner.Check(results.Store, results.RunId);
    }
}
