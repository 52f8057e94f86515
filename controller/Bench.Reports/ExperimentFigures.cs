using Bench.Plots;
using Bench.Reports.Plots;

namespace Bench.Reports;

/// <summary>The figures of one experiment: outcome and time to result (<see cref="ThresholdPlotter"/>), latency histograms.</summary>
public sealed record ExperimentFigures(string Experiment, ThresholdPlotFiles Thresholds, PlotFiles Latency);
