using Bench.Plots;
using Bench.Reports.Plots;
using Bench.Reports.Timelines;

namespace Bench.Reports;

/// <summary>Everything the report stage wrote for a run, and where.</summary>
/// <param name="Overview">thresholds.png/.svg; null when the run has no experiment results.</param>
/// <param name="Timelines">Each drawn trial timeline with its files, in trial order.</param>
/// <param name="SummaryFile">summary.json rebuilt from the store; null when the store holds no summary for the run.</param>
public sealed record ReportFiles(
    string Directory,
    string RunKey,
    string Html,
    string JUnit,
    string TrialsCsv,
    string FramesCsv,
    ThresholdOverviewFiles? Overview,
    IReadOnlyList<ExperimentFigures> Experiments,
    IReadOnlyList<(TrialTimeline Timeline, PlotFiles Files)> Timelines,
    string? SummaryFile,
    string? CheckerFile);
