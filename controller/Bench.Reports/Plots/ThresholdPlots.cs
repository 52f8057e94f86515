using System.Globalization;
using Bench.Plots;
using Bench.Results;

namespace Bench.Reports.Plots;

/// <summary>
/// The threshold figures of a run, from the store: per experiment its outcome and time-to-result plots
/// (<see cref="ThresholdPlotter"/>), and the campaign's overview, <c>thresholds.png/.svg</c> (<see cref="ThresholdOverviewPlotter"/>).
/// </summary>
public static class ThresholdPlots
{
    public static ThresholdPlotFiles WriteExperiment(ThresholdPlotter plotter, ExperimentResult experiment, IEnumerable<StoredTrial> trials, string directory)
    {
        ArgumentNullException.ThrowIfNull(plotter);
        ArgumentNullException.ThrowIfNull(experiment);
        var points = trials.Where(trial => trial.ParameterValue is not null).Select(trial => new TrialPoint(
            trial.ParameterValue!.Value,
            OutcomeOf(trial.Outcome),
            TrialDetails.Of(trial).TimeToResultSeconds ?? 0)).ToList();
        return plotter.Write(
            new ThresholdPlotRequest(
                experiment.Name,
                experiment.ParameterName,
                experiment.Unit,
                points,
                experiment.Found ? experiment.Threshold : null,
                // The configured timeout only belongs on the axis when the parameter is terminal seconds too.
                experiment.Unit == "s" ? experiment.ConfiguredTimeoutSeconds : null),
            directory);
    }

    public static ThresholdOverviewFiles WriteOverview(PlotFont font, IReadOnlyList<ExperimentResult> experiments, string directory) =>
        new ThresholdOverviewPlotter(font).Write(experiments.Select(OverviewRow).ToList(), directory);

    private static ThresholdOverviewRow OverviewRow(ExperimentResult experiment) => new(
        experiment.Name,
        experiment.InjectionKind,
        experiment.ParameterName,
        experiment.Unit,
        experiment.Found ? experiment.Threshold : null,
        experiment.Found ? experiment.IntervalLow : null,
        experiment.Found ? experiment.IntervalHigh : null,
        experiment.PredictionPoint,
        PredictionLabel(experiment),
        experiment.Probabilistic,
        experiment.Found ? "found" : experiment.Explanation.Length > 0 ? experiment.Explanation : experiment.Status);

    private static string? PredictionLabel(ExperimentResult experiment) =>
        experiment.PredictionValue is { } value
            ? $"{value.ToString("0.###", CultureInfo.InvariantCulture)} {experiment.Unit}"
            : experiment.PredictionLow is { } low && experiment.PredictionHigh is { } high
                ? $"{low.ToString("0.#", CultureInfo.InvariantCulture)} … {high.ToString("0.#", CultureInfo.InvariantCulture)} {experiment.Unit}"
                : null;

    private static TrialPointOutcome OutcomeOf(string outcome) => outcome switch
    {
        "Approved" => TrialPointOutcome.Approved,
        "Declined" => TrialPointOutcome.Declined,
        "Timeout" => TrialPointOutcome.Timeout,
        _ => TrialPointOutcome.RigFault,
    };
}
