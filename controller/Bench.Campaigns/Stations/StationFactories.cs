using Bench.Campaigns.Experiments;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>The one place that decides, by the campaign's rig file, whether its terminals are simulated or on a real rig.</summary>
public static class StationFactories
{
    /// <param name="flashRoot">Where simulated terminals keep their flash; unused on a real rig.</param>
    public static ITestStationFactory For(
        CampaignDefinition campaign,
        HostRuleSet hostRules,
        string flashRoot,
        FrameRecorder? recorder,
        SimulatedStationOptions? simulatedOptions = null,
        RigStationOptions? rigOptions = null,
        ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Rig.IsSimulated
            ? new SimulatedStationFactory(campaign.Rig, campaign.Card, hostRules, flashRoot, recorder, simulatedOptions, loggers)
            : new RigStationFactory(campaign.Rig, campaign.Card, hostRules, recorder, rigOptions, loggers);
    }
}
