namespace Bench.Campaigns.Experiments;

/// <summary>
/// Worst-case wall time of a simulated campaign, so a quick-start campaign can be checked to stay
/// quick without running it. A trial waits at most for the terminal's response timeout (a later
/// reply is never waited for) plus the settle window, in terminal time divided by the profile's
/// simulation time scale, plus a fixed per-trial overhead for the rig.
/// </summary>
public static class WallTimeEstimate
{
    public static TimeSpan WorstCase(CampaignDefinition campaign, TimeSpan overheadPerTrial)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Experiments.Aggregate(TimeSpan.Zero, (total, experiment) => total + WorstCase(experiment, overheadPerTrial));
    }

    public static TimeSpan WorstCase(ExperimentDefinition experiment, TimeSpan overheadPerTrial)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var trials = Search.BisectionSearch.HalvingsNeeded(experiment.Range.Width, experiment.Resolution) + 2;
        var terminal = experiment.Terminal;
        var longestWait = terminal.ResponseTimeout;
        if (experiment.Kind.ParameterIsTerminalSeconds)
        {
            longestWait = TimeSpan.FromSeconds(Math.Min(experiment.Range.To, terminal.ResponseTimeout.TotalSeconds));
        }

        var terminalTimePerTrial = longestWait + experiment.Settle;
        return (terminalTimePerTrial / terminal.SimulationTimeScale + overheadPerTrial) * trials;
    }
}
