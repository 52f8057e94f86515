using Bench.Plots;
using Bench.Reports.Exports;
using Bench.Reports.Html;
using Bench.Reports.Plots;
using Bench.Reports.Timelines;
using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// The reporting stage (DESIGN.md §9): rebuilds every output of a run from its results store alone, so a
/// finished, interrupted or resumed run can be reported again with <c>bench report DIR</c>. Writes into the
/// output directory: summary.json and checker.json (from the run's documents), thresholds.png/.svg, per
/// experiment its outcome, time-to-result and latency plots, trial timelines under <c>timelines/</c>,
/// report.html, junit.xml, trials.csv and frames.csv.
/// </summary>
public static class ReportStage
{
    /// <summary>The store's file name in a run's output folder.</summary>
    public const string StoreFileName = "results.db";

    /// <summary>Opens <paramref name="storePath"/> and reports the run <paramref name="runKey"/> (its key or id), or the latest.</summary>
    /// <exception cref="ReportInputException">There is no store at the path, or no such run in it.</exception>
    public static ReportFiles Write(string storePath, string? runKey, string outputDirectory, PlotFont font)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        if (!File.Exists(storePath)) throw new ReportInputException($"{storePath}: no results store (results.db) there; name the output folder of a bench run");
        using var store = ResultsStore.Open(storePath);
        return Write(store, runKey is null ? null : ReportRun.FindRun(store, runKey), outputDirectory, font);
    }

    /// <summary>Reports the run <paramref name="runId"/> of <paramref name="store"/>, or its latest run when null.</summary>
    public static ReportFiles Write(ResultsStore store, long? runId, string outputDirectory, PlotFont font)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var run = ReportRun.Load(store, runId);
        Directory.CreateDirectory(outputDirectory);

        var summaryFile = WriteDocument(run.SummaryJson, outputDirectory, RunDocumentNames.Summary);
        var checkerFile = WriteDocument(run.CheckerJson, outputDirectory, RunDocumentNames.Checker);

        var experiments = run.ExperimentResults;
        var overview = experiments.Count > 0 ? ThresholdPlots.WriteOverview(font, experiments, outputDirectory) : null;
        var thresholdPlotter = new ThresholdPlotter(font);
        var latencyPlotter = new LatencyPlotter(font);
        var figures = experiments.Select(experiment =>
        {
            var trials = run.TrialsOf(experiment.Name).ToList();
            var details = trials.Select(TrialDetails.Of).ToList();
            return new ExperimentFigures(
                experiment.Name,
                ThresholdPlots.WriteExperiment(thresholdPlotter, experiment, trials, outputDirectory),
                latencyPlotter.Write(
                    experiment.Name,
                    details.Select(detail => detail.HostRequestToReplySeconds).OfType<double>().ToList(),
                    trials.Zip(details).Where(pair => pair.First.Outcome is "Approved" or "Declined" or "Timeout")
                        .Select(pair => pair.Second.TimeToResultSeconds).OfType<double>().ToList(),
                    outputDirectory));
        }).ToList();

        var timelinePlotter = new TimelinePlotter(font);
        var timelineFolder = Path.Combine(outputDirectory, TimelineNames.Folder);
        var timelines = TimelineSelection.Select(run)
            .Select(trial => TrialTimelineBuilder.Build(run, trial))
            .Select(timeline => (timeline, timelinePlotter.Write(timeline, timelineFolder)))
            .ToList();

        var trialsCsv = TrialsCsv.Write(run, outputDirectory);
        var framesCsv = FramesCsv.Write(run, outputDirectory);
        var junit = JUnitReport.Write(run, outputDirectory);
        var files = new ReportFiles(
            outputDirectory, run.Identity.RunKey, Path.Combine(outputDirectory, HtmlReport.FileName), junit, trialsCsv, framesCsv,
            overview, figures, timelines, summaryFile, checkerFile);
        HtmlReport.Write(run, files, outputDirectory);
        return files;
    }

    /// <summary>The document as the run's file (summary.json, checker.json), byte for byte what the runner wrote; null when the store has none.</summary>
    private static string? WriteDocument(string? json, string directory, string fileName)
    {
        if (json is null) return null;
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, json + Environment.NewLine);
        return path;
    }
}
