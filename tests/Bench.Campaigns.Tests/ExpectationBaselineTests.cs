using Bench.Campaigns.Expectations;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Tests;

/// <summary>A baseline is a summary.json a run wrote: read back for the thresholds, tolerant of its other properties.</summary>
public sealed class ExpectationBaselineTests
{
    /// <summary>The smallest summary.json a baseline needs, as a run writes it (indented, camelCase), with one experiment.</summary>
    public static string SummaryJson(string experiment, string unit, double threshold) =>
        SummaryJsonWriter.Serialize(new RunSummary("baseline-run", "nightly", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        [
            ExperimentSummaryFactory.Create(
                SampleData.Experiment(experiment) with { Kind = unit == "s" ? Experiments.ExperimentKinds.HostResponseDelay : Experiments.ExperimentKinds.RfAttenuation },
                new ThresholdSearchResult(ThresholdSearchStatus.Found, threshold, threshold - 0.125, threshold + 0.125, 0.25, 9, 0, [], "flips")),
        ]));

    [Test]
    public void Reads_the_run_id_and_each_experiments_threshold_unit_and_interval_from_a_written_summary()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("summary.json", SummaryJson("pax-host-delay", "s", 59.875));

        var baseline = ExpectationBaselineLoader.Load(file);

        Assert.That(baseline.File, Is.EqualTo(file));
        Assert.That(baseline.RunId, Is.EqualTo("baseline-run"));
        Assert.That(baseline.Experiments, Is.EqualTo(new[] { new BaselineThreshold("pax-host-delay", "s", 59.875, 59.75, 60, "found") }));
        Assert.That(baseline.Find("missing"), Is.Null);
    }

    [Test]
    public void A_baseline_that_found_no_threshold_reads_as_null()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("summary.json", """
            {"runId": "r", "experiments": [{"name": "e", "parameterUnit": "s", "status": "notFoundApprovedAtUpperBound", "threshold": null,
              "intervalLow": 120, "intervalHigh": null, "prediction": {"value": 60}, "trialsPerLevel": []}], "checker": {"transactions": 3}}
            """);

        var recorded = ExpectationBaselineLoader.Load(file).Experiments.Single();

        Assert.That(recorded, Is.EqualTo(new BaselineThreshold("e", "s", null, 120, null, "notFoundApprovedAtUpperBound")));
    }

    [Test]
    public void Malformed_json_is_reported_at_its_line_and_column()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("summary.json", "{\n  \"runId\": \"r\",\n  \"experiments\": [\n    {\"name\": \"e\", \"threshold\": \"sixty\"}\n  ]\n}\n");

        var error = Assert.Throws<CampaignFileException>(() => ExpectationBaselineLoader.Load(file))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.KeyPath, Is.EqualTo("experiments[0].threshold"));
        Assert.That(error.Problem, Does.StartWith("not a run summary: "));
    }

    [TestCase("{\"experiments\": []}", "runId", "runId is missing")]
    [TestCase("{\"runId\": \"r\"}", "experiments", "experiments is missing")]
    [TestCase("{\"runId\": \"r\", \"experiments\": [{\"name\": \"e\"}]}", "experiments[0]", "lacks its name, parameterUnit or status")]
    public void A_json_file_that_is_not_a_run_summary_is_refused(string json, string keyPath, string problem)
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("summary.json", json);

        var error = Assert.Throws<CampaignFileException>(() => ExpectationBaselineLoader.Load(file))!;

        Assert.That(error.KeyPath, Is.EqualTo(keyPath));
        Assert.That(error.Problem, Does.Contain(problem));
        Assert.That(error.Message, Does.StartWith($"{file}:"));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<CampaignFileException>(() => ExpectationBaselineLoader.Load("/nonexistent/summary.json"))!;

        Assert.That(error.Message, Does.StartWith("/nonexistent/summary.json:").And.Contain("does not exist"));
    }
}
