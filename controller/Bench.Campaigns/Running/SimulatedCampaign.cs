using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Running;

/// <summary>
/// A campaign on the simulated rig, wired once for <c>bench run</c> and the end-to-end tests alike:
/// frames recorded into the run, one simulated station per terminal profile (flash kept under
/// <c>flash/</c> in the output), trials through <see cref="StationTrialExecutor"/>.
/// </summary>
public static class SimulatedCampaign
{
    public static async Task<CampaignRunResult> RunAsync(
        CampaignDefinition campaign,
        HostRuleSet hostRules,
        ResultsRun results,
        string outputDirectory,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default,
        SimulatedStationOptions? stationOptions = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        await using var recorder = new FrameRecorder(results.Store, results.RunId);
        await using var stations = new SimulatedStationFactory(
            campaign.Rig, campaign.Card, hostRules, Path.Combine(outputDirectory, "flash"), recorder, stationOptions, loggers);
        var executor = new StationTrialExecutor(stations, hostRules, new InjectionCatalogue(), loggers.CreateLogger<StationTrialExecutor>());
        var runner = new CampaignRunner(executor, TimeProvider.System, loggers.CreateLogger<CampaignRunner>(), results)
        {
            Checker = new SimulatedRunChecker(stations, recorder, results, campaign, loggers.CreateLogger<SimulatedRunChecker>()),
        };
        return await runner.RunAsync(campaign, outputDirectory, results.RunKey, cancellationToken);
    }
}
