using System.Globalization;
using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;
using Bench.Plots;
using Bench.Results;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Running;

/// <summary>
/// Runs a campaign: for each experiment a threshold search whose trials go to the
/// <see cref="ITrialExecutor"/>, then summary.json, the console table and the plots in the output directory.
/// </summary>
public sealed class CampaignRunner
{
    private readonly ITrialExecutor executor;
    private readonly ThresholdPlotter plotter;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<CampaignRunner> logger;
    private readonly ResultsRun? results;

    /// <summary>Settles the terminals and checks the run's money once every experiment has run; null skips the check.</summary>
    public IRunChecker? Checker { get; init; }

    /// <param name="results">Where each experiment and trial is written as it ends; null keeps them in memory only.</param>
    public CampaignRunner(
        ITrialExecutor executor, ThresholdPlotter plotter, TimeProvider timeProvider, ILogger<CampaignRunner>? logger = null, ResultsRun? results = null)
    {
        this.results = results;
        this.executor = executor ?? throw new ArgumentNullException(nameof(executor));
        this.plotter = plotter ?? throw new ArgumentNullException(nameof(plotter));
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
        var overview = new ThresholdOverviewPlotter(plotter.Font).Write(summary.Experiments.Select(OverviewRow).ToList(), outputDirectory);
        var table = SummaryTable.Format(summary) + (check is null ? "" : CheckerConsole.Format(check));
        return new CampaignRunResult(summary, summaryFile, runs, table) { OverviewPlots = overview, Checker = check, CheckerFile = checkerFile };
    }

    private static ThresholdOverviewRow OverviewRow(ExperimentSummary experiment)
    {
        var prediction = experiment.Prediction;
        var predicted = prediction?.Value ?? (prediction?.Low is { } low && prediction.High is { } high ? low + ((high - low) / 2) : null);
        return new ThresholdOverviewRow(
            experiment.Name,
            experiment.InjectionKind,
            experiment.ParameterName,
            experiment.ParameterUnit,
            experiment.Threshold,
            experiment.Threshold is null ? null : experiment.IntervalLow,
            experiment.Threshold is null ? null : experiment.IntervalHigh,
            predicted,
            prediction is null ? null : PredictionLabel(prediction, experiment.ParameterUnit),
            experiment.Probabilistic,
            experiment.Status == ThresholdSearchStatus.Found ? "found" : experiment.Explanation);
    }

    private static string PredictionLabel(ThresholdPrediction prediction, string unit) =>
        prediction.Value is { } value
            ? $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}"
            : $"{prediction.Low?.ToString("0.#", CultureInfo.InvariantCulture)} … {prediction.High?.ToString("0.#", CultureInfo.InvariantCulture)} {unit}";

    private async Task<ExperimentRun> RunExperimentAsync(
        ExperimentDefinition experiment, Bench.Hardware.RigDefinition rig, string outputDirectory, CancellationToken cancellationToken)
    {
        if (experiment.SearchMethod == SearchMethod.Psychometric)
        {
            throw new NotSupportedException($"experiment {experiment.Name}: {experiment.SearchMethod} search is not implemented yet");
        }

        logger.LogInformation(
            "Experiment {Experiment}: {Kind} from {From} to {To} {Unit}, resolution {Resolution}, terminal {Model}",
            experiment.Name, experiment.Kind.Name, experiment.Range.From, experiment.Range.To, experiment.Kind.ParameterUnit,
            experiment.Resolution, experiment.Terminal.Model);

        var experimentId = results?.Store.AddExperiment(
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
        Func<Func<double, CancellationToken, Task<TrialObservation>>, CancellationToken, Task<ThresholdSearchResult>> search =
            experiment.SearchMethod == SearchMethod.Staircase
                ? new StaircaseSearch(experiment.Range.From, experiment.Range.To, experiment.Resolution, experiment.MaximumTrials, experiment.InvalidTrialLimit).RunAsync
                : new BisectionSearch(experiment.Range.From, experiment.Range.To, experiment.Resolution, experiment.InvalidTrialLimit).RunAsync;
        var result = await search(
            async (parameter, token) =>
            {
                var trial = await executor.RunTrialAsync(experiment, parameter, token).ConfigureAwait(false);
                trials.Add(new ExecutedTrial(parameter, trial));
                if (results is not null && experimentId is { } id) Record(results, id, trials.Count, parameter, trial);
                logger.LogInformation(
                    "Experiment {Experiment}: {Parameter:0.###} {Unit} -> {Outcome} after {Seconds:0.000} s",
                    experiment.Name, parameter, experiment.Kind.ParameterUnit, trial.Outcome, trial.TimeToResultSeconds);
                var outcome = experiment.Kind.ApprovedAboveThreshold ? InvertedFlip.Mirror(trial.Outcome) : trial.Outcome;
                return new TrialObservation(outcome, trial.RigFault);
            },
            cancellationToken).ConfigureAwait(false);
        if (experiment.Kind.ApprovedAboveThreshold) result = InvertedFlip.Restore(result);

        var summary = ExperimentSummaryFactory.Create(experiment, result, ThresholdPredictor.Predict(experiment, rig, trials));
        var plots = plotter.Write(PlotRequest(experiment, result, trials), outputDirectory);
        return new ExperimentRun(experiment, result, trials, summary, plots);
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

    private static ThresholdPlotRequest PlotRequest(
        ExperimentDefinition experiment, ThresholdSearchResult result, IReadOnlyList<ExecutedTrial> trials) =>
        new(
            experiment.Name,
            experiment.Kind.ParameterName,
            experiment.Kind.ParameterUnit,
            trials.Select(trial => new TrialPoint(trial.Parameter, ToPlotOutcome(trial.Result.Outcome), trial.Result.TimeToResultSeconds)).ToList(),
            result.Threshold,
            // The configured timeout only belongs on the axis when the parameter is terminal seconds too.
            experiment.Kind.ParameterIsTerminalSeconds ? experiment.Terminal.ResponseTimeout.TotalSeconds : null);

    private static TrialPointOutcome ToPlotOutcome(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Approved => TrialPointOutcome.Approved,
        TrialOutcome.Declined => TrialPointOutcome.Declined,
        TrialOutcome.Timeout => TrialPointOutcome.Timeout,
        _ => TrialPointOutcome.RigFault,
    };
}
