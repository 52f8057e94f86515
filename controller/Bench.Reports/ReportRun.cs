using Bench.Results;

namespace Bench.Reports;

/// <summary>Everything the report stage reads of one run, all from the results store.</summary>
/// <param name="CheckerJson">The checker's full report (what checker.json holds); null when the run had no checker.</param>
/// <param name="SummaryJson">The summary document as saved; null for a run that ended before it was written.</param>
public sealed record ReportRun(
    StoredRun Run,
    RunIdentity Identity,
    RunSummaryDocument Summary,
    string? SummaryJson,
    string? CheckerJson,
    IReadOnlyList<StoredExperiment> Experiments,
    IReadOnlyList<StoredTrial> Trials,
    IReadOnlyList<StoredFrame> Frames,
    IReadOnlyList<StoredEvent> Events)
{
    /// <summary>Loads the run <paramref name="runId"/>, or the latest run in the store when null.</summary>
    /// <exception cref="ReportInputException">The store holds no run, or none with that id.</exception>
    public static ReportRun Load(ResultsStore store, long? runId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = store.ReadRuns();
        var run = runId is { } id
            ? runs.FirstOrDefault(candidate => candidate.Id == id) ?? throw new ReportInputException($"{store.Path}: no run with id {id}")
            : runs.LastOrDefault() ?? throw new ReportInputException($"{store.Path}: holds no run");
        var summaryJson = store.ReadDocument(run.Id, RunDocumentNames.Summary);
        var summary = JsonValues.Parse(summaryJson) is { ValueKind: System.Text.Json.JsonValueKind.Object } root ? RunSummaryDocument.Read(root) : RunSummaryDocument.Empty;
        var experiments = store.ReadExperiments(run.Id);
        return new ReportRun(
            run,
            RunIdentity.From(run, store.ReadRunDetails(run.Id), experiments.Select(experiment => experiment.DetailsJson), summary),
            summary,
            summaryJson,
            store.ReadDocument(run.Id, RunDocumentNames.Checker),
            experiments,
            store.ReadTrials(run.Id),
            store.ReadFrames(run.Id),
            store.ReadEvents(run.Id));
    }

    /// <summary>Finds a run by its key (<c>--run KEY</c>): the run key, or the store's numeric id.</summary>
    /// <exception cref="ReportInputException">No run has that key.</exception>
    public static long FindRun(ResultsStore store, string key)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = store.ReadRuns();
        var match = runs.FirstOrDefault(run => run.RunKey == key)
            ?? (long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? runs.FirstOrDefault(run => run.Id == id) : null);
        if (match is not null) return match.Id;
        var known = runs.Count == 0 ? "it holds no run" : "runs: " + string.Join(", ", runs.TakeLast(5).Select(run => run.RunKey ?? run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        throw new ReportInputException($"{store.Path}: no run {key} ({known})");
    }

    /// <summary>The experiment results in the summary's order, else one per stored experiment with only its name known.</summary>
    public IReadOnlyList<ExperimentResult> ExperimentResults => Summary.Experiments.Count > 0
        ? Summary.Experiments
        : Experiments.Select(experiment => new ExperimentResult(
            experiment.Name, experiment.InjectionKind ?? "", "parameter", "", "unknown", null, null, null,
            Trials.Count(trial => trial.ExperimentId == experiment.Id), 0, null, null, "the run ended before its summary was written")).ToList();

    public IEnumerable<StoredTrial> TrialsOf(string experiment) => Trials.Where(trial => trial.ExperimentName == experiment);
}
