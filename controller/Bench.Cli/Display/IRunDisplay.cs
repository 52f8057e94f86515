using Bench.Campaigns.Running;

namespace Bench.Cli.Display;

/// <summary>How <c>bench run</c> shows a run to its operator: live on a terminal, plain lines otherwise.</summary>
public interface IRunDisplay
{
    /// <summary>Where the runner reports each trial (<see cref="CampaignRunner.Progress"/>).</summary>
    IProgress<TrialProgress> Progress { get; }

    /// <summary>Shows the run's progress while <paramref name="run"/> runs; its exceptions (cancellation too) pass through once the display is down.</summary>
    Task<T> ShowWhileAsync<T>(Func<Task<T>> run);

    /// <summary>The result tables: thresholds per experiment, then the checker's counts and first violations.</summary>
    void WriteResults(CampaignRunResult result);
}
