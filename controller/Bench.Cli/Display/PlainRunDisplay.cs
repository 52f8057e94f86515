using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Microsoft.Extensions.Logging;

namespace Bench.Cli.Display;

/// <summary>
/// The console when it is no terminal (redirected, CI logs): one log line as each trial starts, saying where
/// the run stands and the rig time left, and the result tables as plain text, as they always were.
/// </summary>
public sealed class PlainRunDisplay : IRunDisplay
{
    private readonly RunProgressTracker tracker;
    private readonly TextWriter output;

    public PlainRunDisplay(IReadOnlyList<ExperimentDefinition> experiments, TimeProvider clock, ILogger logger, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logger);
        this.output = output ?? throw new ArgumentNullException(nameof(output));
        tracker = new RunProgressTracker(experiments, clock);
        tracker.Reported += (trial, snapshot) =>
        {
            if (trial.Ended) return;
            logger.LogInformation("Progress: {Experiment}: {Trial}; {Time}",
                ProgressText.Experiment(snapshot), ProgressText.Trial(trial, snapshot.TrialBound), ProgressText.Time(snapshot));
        };
    }

    public IProgress<TrialProgress> Progress => tracker;

    public Task<T> ShowWhileAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run();
    }

    public void WriteResults(CampaignRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine();
        output.WriteLine(result.ConsoleTable);
    }
}
