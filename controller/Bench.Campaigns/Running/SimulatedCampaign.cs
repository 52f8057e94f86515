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
/// A campaign, wired once for <c>bench run</c> and the end-to-end tests alike: frames recorded into the run,
/// the stations the rig file calls for (<see cref="StationFactories"/>: one simulated station per terminal
/// profile with its flash under <c>flash/</c> in the output, or the real rig's station), trials through
/// <see cref="StationTrialExecutor"/>, the final settle and the money checker.
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
        SimulatedStationOptions? stationOptions = null,
        IProgress<TrialProgress>? progress = null,
        RigStationOptions? rigOptions = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        // A resumed run's hosts go on from the interrupted run's bookings.
        if (results.Resumed is { } earlier)
        {
            stationOptions = (stationOptions ?? new SimulatedStationOptions()) with { LedgerBefore = earlier.LedgerEntries };
            rigOptions = (rigOptions ?? new RigStationOptions()) with { LedgerBefore = earlier.LedgerEntries };
        }

        await using var recorder = new FrameRecorder(results.Store, results.RunId);
        await using var stations = StationFactories.For(
            campaign, hostRules, Path.Combine(outputDirectory, "flash"), recorder, stationOptions, rigOptions, loggers);
        ITrialExecutor executor = new StationTrialExecutor(stations, hostRules, new InjectionCatalogue(), loggers.CreateLogger<StationTrialExecutor>());
        // A resumed run hands its searches the interrupted run's trials before any real one runs.
        if (results.Resumed is { } resumed) executor = new ReplayingTrialExecutor(executor, resumed, loggers.CreateLogger<ReplayingTrialExecutor>());
        var runner = new CampaignRunner(executor, TimeProvider.System, loggers.CreateLogger<CampaignRunner>(), results)
        {
            Checker = new SimulatedRunChecker(stations, recorder, results, campaign, loggers.CreateLogger<SimulatedRunChecker>(), hostRules),
            Progress = progress,
        };
        return await runner.RunAsync(campaign, outputDirectory, results.RunKey, cancellationToken);
    }
}
