using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;
using Bench.Results;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Running;

/// <summary>
/// Runs a campaign: for each experiment a threshold search whose trials go to the
/// <see cref="ITrialExecutor"/>, then summary.json, checker.json and the console table. It only records: with a
/// results store, the summary and checker documents are kept there too, and the report stage (Bench.Reports)
/// draws the plots and writes the reports from the store.
/// </summary>
public sealed class CampaignRunner
{
    private readonly ITrialExecutor executor;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<CampaignRunner> logger;
    private readonly ResultsRun? results;

    /// <summary>Settles the terminals and checks the run's money once every experiment has run; null skips the check.</summary>
    public IRunChecker? Checker { get; init; }

    /// <summary>Told as each trial starts and ends (the operator's console); null reports nothing.</summary>
    public IProgress<TrialProgress>? Progress { get; init; }

    /// <param name="results">Where each experiment and trial is written as it ends; null keeps them in memory only.</param>
    public CampaignRunner(
        ITrialExecutor executor, TimeProvider timeProvider, ILogger<CampaignRunner>? logger = null, ResultsRun? results = null)
    {
        this.results = results;
        this.executor = executor ?? throw new ArgumentNullException(nameof(executor));
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? NullLogger<CampaignRunner>.Instance;
    }

    /// <param name="runId">Names the run in the summary; defaults to the start time and campaign name.</param>
    public async Task<CampaignRunResult> RunAsync(
        CampaignDefinition campaign, string outputDirectory, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var startedAt = timeProvider.GetUtcNow();
        runId ??= $"{startedAt:yyyyMMdd-HHmmss}-{campaign.Name}";
        Directory.CreateDirectory(outputDirectory);

        var runs = new List<ExperimentRun>();
        foreach (var experiment in campaign.Experiments)
        {
            runs.Add(await RunExperimentAsync(experiment, campaign.Rig, outputDirectory, cancellationToken).ConfigureAwait(false));
        }

        var check = Checker is null ? null : await Checker.CheckAsync(cancellationToken).ConfigureAwait(false);
        var expectations = Expectations.ExpectationEvaluator.Evaluate(runs, check, campaign.Baseline);
        var summary = new RunSummary(runId, campaign.Name, startedAt, timeProvider.GetUtcNow(), runs.Select(run => run.Summary).ToList())
        {
            Overrides = campaign.Overrides,
            Checker = check is null ? null : CheckerSummary.From(check),
            Expectations = expectations,
        };
        var summaryFile = SummaryJsonWriter.Write(summary, outputDirectory);
        var checkerFile = check is null ? null : CheckerJsonWriter.Write(check, outputDirectory);
        if (results is not null)
        {
            results.Store.SaveDocument(results.RunId, RunDocumentNames.Summary, SummaryJsonWriter.Serialize(summary));
            if (check is not null) results.Store.SaveDocument(results.RunId, RunDocumentNames.Checker, CheckerJsonWriter.Serialize(check));
        }
        var table = SummaryTable.Format(summary) + (check is null ? "" : CheckerConsole.Format(check));
        return new CampaignRunResult(summary, summaryFile, runs, table) { Checker = check, CheckerFile = checkerFile };
    }

    private async Task<ExperimentRun> RunExperimentAsync(
        ExperimentDefinition experiment, Bench.Hardware.RigDefinition rig, string outputDirectory, CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Experiment {Experiment}: {Kind} from {From} to {To} {Unit}, resolution {Resolution}, terminal {Model}",
            experiment.Name, experiment.Kind.Name, experiment.Range.From, experiment.Range.To, experiment.Kind.ParameterUnit,
            experiment.Resolution, experiment.Terminal.Model);

        // A resumed run continues the experiment the interrupted run had started.
        var experimentId = results?.Resumed?.ExperimentId(experiment.Name) ?? results?.Store.AddExperiment(
            results.RunId, experiment.Name, experiment.Kind.Name, experiment.Kind.ParameterName,
            JsonSerializer.Serialize(new
            {
                terminalModel = experiment.Terminal.Model,
                terminalId = experiment.Terminal.TerminalId,
                reversalResendCount = experiment.Terminal.ReversalResendCount,
                configuredResponseTimeoutSeconds = experiment.Terminal.ResponseTimeout.TotalSeconds,
                from = experiment.Range.From,
                to = experiment.Range.To,
                resolution = experiment.Resolution,
                unit = experiment.Kind.ParameterUnit,
                trigger = experiment.Trigger.ToString(),
                link = experiment.Terminal.Link,
                search = experiment.SearchMethod.ToString(),
            }));
        var trials = new List<ExecutedTrial>();
        var search = ThresholdSearchFactory.Create(experiment, ThresholdPredictor.PredictBeforeRun(experiment, rig));
        var result = await search.RunAsync(
            async (parameter, token) =>
            {
                Progress?.Report(new TrialProgress(experiment, trials.Count + 1, parameter, null));
                var trial = await executor.RunTrialAsync(experiment, parameter, token).ConfigureAwait(false);
                trials.Add(new ExecutedTrial(parameter, trial));
                // A replayed trial (resumed run) is in results.db already.
                if (results is not null && experimentId is { } id && !trial.Replayed)
                    Record(results, id, results.Resumed?.TrialIndex(experiment.Name, trials.Count) ?? trials.Count, parameter, trial);
                Progress?.Report(new TrialProgress(experiment, trials.Count, parameter, trial));
                logger.LogInformation(
                    "Experiment {Experiment}: {Parameter:0.###} {Unit} -> {Outcome} after {Seconds:0.000} s{Replayed}",
                    experiment.Name, parameter, experiment.Kind.ParameterUnit, trial.Outcome, trial.TimeToResultSeconds, trial.Replayed ? " (replayed)" : "");
                var outcome = experiment.Kind.ApprovedAboveThreshold ? InvertedFlip.Mirror(trial.Outcome) : trial.Outcome;
                return new TrialObservation(outcome, trial.RigFault);
            },
            cancellationToken).ConfigureAwait(false);
        if (experiment.Kind.ApprovedAboveThreshold) result = InvertedFlip.Restore(result);

        var summary = ExperimentSummaryFactory.Create(experiment, result, ThresholdPredictor.Predict(experiment, rig, trials), rig);
        return new ExperimentRun(experiment, result, trials, summary);
    }

    /// <summary>Each trial is committed as it ends, so a crash loses nothing finished.</summary>
    private static void Record(ResultsRun results, long experimentId, int index, double parameter, TrialResult trial) =>
        results.Store.RecordTrial(new TrialRecord(
            results.RunId, experimentId, index, parameter, trial.Outcome.ToString(), trial.StartedNanoseconds, trial.EndedNanoseconds)
        {
            DetailsJson = JsonSerializer.Serialize(new
            {
                terminalResult = trial.TerminalResult,
                timeToResultSeconds = trial.TimeToResultSeconds,
                hostRequestToReplySeconds = trial.HostRequestToReplySeconds,
                ledgerNetDebitMinorUnits = trial.LedgerNetDebitMinorUnits,
                stan = trial.Stan,
                ledgerKey = trial.LedgerKey is { } key ? new { terminalId = key.TerminalId, batch = key.Batch, stan = key.Stan } : null,
                reversalsSent = trial.ReversalsSent,
                requestBytes = trial.RequestBytes,
                replyBytes = trial.ReplyBytes,
                rigFault = trial.RigFault,
            }),
        });
}
