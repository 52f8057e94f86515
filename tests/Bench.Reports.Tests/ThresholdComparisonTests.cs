using Bench.Reports.Comparison;

namespace Bench.Reports.Tests;

public sealed class ThresholdComparisonTests
{
    [Test]
    public void A_threshold_inside_the_other_runs_bracket_has_not_moved()
    {
        var comparison = ThresholdComparison.Compare(Run(("delay", 59.9, 59.8, 60.0)), Run(("delay", 59.95, 59.9, 60.0)));

        Assert.That(comparison.AnyMoved, Is.False);
        Assert.That(comparison.Thresholds[0].Verdict, Is.EqualTo("within the intervals"));
    }

    [Test]
    public void A_threshold_beyond_the_other_runs_interval_has_moved()
    {
        var comparison = ThresholdComparison.Compare(Run(("delay", 59.9, 59.8, 60.0), ("cut", 2.0, 1.9, 2.1)), Run(("delay", 29.9, 29.8, 30.0), ("cut", 2.05, 2.0, 2.1)));

        Assert.Multiple(() =>
        {
            Assert.That(comparison.AnyMoved, Is.True);
            Assert.That(comparison.Thresholds.Select(threshold => (threshold.Experiment, threshold.Moved)), Is.EqualTo(new[] { ("delay", true), ("cut", false) }));
            Assert.That(comparison.Thresholds[0].Change, Is.EqualTo(-30).Within(1e-9));
        });
    }

    [Test]
    public void Found_in_one_run_only_has_moved_and_an_experiment_in_one_run_only_has_not()
    {
        var a = Run(("delay", 59.9, 59.8, 60.0), ("only-a", 1, 0.9, 1.1));
        var b = Run(("delay", null, null, null), ("only-b", 1, 0.9, 1.1));

        var comparison = ThresholdComparison.Compare(a, b);

        Assert.That(comparison.Thresholds.Select(threshold => (threshold.Experiment, threshold.Moved, threshold.Verdict)), Is.EqualTo(new[]
        {
            ("delay", true, "found in A only (B: notInRange)"),
            ("only-a", false, "only in A"),
            ("only-b", false, "only in B"),
        }));
    }

    private static RunSummaryDocument Run(params (string Name, double? Threshold, double? Low, double? High)[] experiments) =>
        RunSummaryDocument.Empty with
        {
            Experiments = experiments.Select(experiment => new ExperimentResult(
                experiment.Name, "hostResponseDelay", "host response delay", "s", experiment.Threshold is null ? "notInRange" : "found",
                experiment.Threshold, experiment.Low, experiment.High, 5, 0, 60, "PAX S90", "")).ToList(),
        };
}
