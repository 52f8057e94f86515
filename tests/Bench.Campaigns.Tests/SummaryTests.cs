using System.Text.Json;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Tests;

public sealed class SummaryTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);

    private static RunSummary Sample()
    {
        var found = new ThresholdSearchResult(
            ThresholdSearchStatus.Found, 59.875, 59.75, 60, 0.25, 9, 1, [], "flips between 59.75 (approved) and 60 (timeout)");
        var notFound = new ThresholdSearchResult(
            ThresholdSearchStatus.NotFoundApprovedAtUpperBound, null, 120, null, 0.25, 10, 0, [], "threshold not found: above the range");
        return new RunSummary(
            "run-1",
            "quickstart",
            Start,
            Start.AddSeconds(42),
            [
                ExperimentSummaryFactory.Create(SampleData.Experiment("pax-host-delay"), found),
                ExperimentSummaryFactory.Create(SampleData.Experiment("vx520-host-delay", SampleData.Terminal("Verifone VX520", 30)), notFound),
            ]);
    }

    [Test]
    public void Factory_joins_definition_and_result()
    {
        var summary = Sample().Experiments[0];

        Assert.Multiple(() =>
        {
            Assert.That(summary.Name, Is.EqualTo("pax-host-delay"));
            Assert.That(summary.InjectionKind, Is.EqualTo("hostResponseDelay"));
            Assert.That(summary.ParameterName, Is.EqualTo("host response delay"));
            Assert.That(summary.ParameterUnit, Is.EqualTo("s"));
            Assert.That(summary.Threshold, Is.EqualTo(59.875));
            Assert.That(summary.BracketWidth, Is.EqualTo(0.25));
            Assert.That(summary.RequestedResolution, Is.EqualTo(0.25));
            Assert.That(summary.TrialsUsed, Is.EqualTo(9));
            Assert.That(summary.RigFaults, Is.EqualTo(1));
            Assert.That(summary.ConfiguredTimeoutSeconds, Is.EqualTo(60));
            Assert.That(summary.TerminalModel, Is.EqualTo("PAX S90"));
        });
    }

    [Test]
    public void Writes_summary_json_with_every_field()
    {
        using var directory = new TemporaryDirectory();

        var path = SummaryJsonWriter.Write(Sample(), directory.Path);

        Assert.That(Path.GetFileName(path), Is.EqualTo("summary.json"));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.That(root.GetProperty("runId").GetString(), Is.EqualTo("run-1"));
        Assert.That(root.GetProperty("campaignName").GetString(), Is.EqualTo("quickstart"));
        Assert.That(root.GetProperty("startedAt").GetDateTimeOffset(), Is.EqualTo(Start));
        Assert.That(root.GetProperty("endedAt").GetDateTimeOffset(), Is.EqualTo(Start.AddSeconds(42)));

        var experiment = root.GetProperty("experiments")[0];
        Assert.Multiple(() =>
        {
            Assert.That(experiment.GetProperty("name").GetString(), Is.EqualTo("pax-host-delay"));
            Assert.That(experiment.GetProperty("injectionKind").GetString(), Is.EqualTo("hostResponseDelay"));
            Assert.That(experiment.GetProperty("parameterName").GetString(), Is.EqualTo("host response delay"));
            Assert.That(experiment.GetProperty("parameterUnit").GetString(), Is.EqualTo("s"));
            Assert.That(experiment.GetProperty("status").GetString(), Is.EqualTo("found"));
            Assert.That(experiment.GetProperty("threshold").GetDouble(), Is.EqualTo(59.875));
            Assert.That(experiment.GetProperty("lastApproved").GetDouble(), Is.EqualTo(59.75));
            Assert.That(experiment.GetProperty("firstTimeout").GetDouble(), Is.EqualTo(60));
            Assert.That(experiment.GetProperty("bracketWidth").GetDouble(), Is.EqualTo(0.25));
            Assert.That(experiment.GetProperty("requestedResolution").GetDouble(), Is.EqualTo(0.25));
            Assert.That(experiment.GetProperty("trialsUsed").GetInt32(), Is.EqualTo(9));
            Assert.That(experiment.GetProperty("configuredTimeoutSeconds").GetDouble(), Is.EqualTo(60));
            Assert.That(experiment.GetProperty("terminalModel").GetString(), Is.EqualTo("PAX S90"));
        });

        var notFound = root.GetProperty("experiments")[1];
        Assert.That(notFound.GetProperty("status").GetString(), Is.EqualTo("notFoundApprovedAtUpperBound"));
        Assert.That(notFound.GetProperty("threshold").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Summary_json_round_trips()
    {
        var summary = Sample();

        var copy = SummaryJsonWriter.Deserialize(SummaryJsonWriter.Serialize(summary));

        // Lists inside the records compare by reference: compare what a reader of the file sees.
        Assert.That(SummaryJsonWriter.Serialize(copy), Is.EqualTo(SummaryJsonWriter.Serialize(summary)));
        Assert.That(copy.Experiments.Select(experiment => experiment with { TrialsPerLevel = [] }),
            Is.EqualTo(summary.Experiments.Select(experiment => experiment with { TrialsPerLevel = [] })));
        Assert.That(copy with { Experiments = summary.Experiments, Overrides = summary.Overrides, Expectations = summary.Expectations }, Is.EqualTo(summary));
    }

    [Test]
    public void Console_table_lists_each_experiment()
    {
        var table = SummaryTable.Format(Sample());
        var lines = table.Split(Environment.NewLine);

        Assert.That(lines[0], Does.Contain("run-1").And.Contain("quickstart"));
        Assert.That(lines[1], Does.StartWith("experiment").And.Contain("threshold").And.Contain("timeout"));
        Assert.That(lines[3], Does.StartWith("pax-host-delay").And.Contain("PAX S90").And.Contain("59.875 s").And.Contain("[59.75, 60] s")
            .And.Contain("60 s").And.Contain("9 (+1 invalid)").And.Contain("found"));
        Assert.That(lines[4], Does.StartWith("vx520-host-delay").And.Contain("Verifone VX520").And.Contain("30 s").And.Contain("not found (above range)"));
        Assert.That(table, Does.Contain("vx520-host-delay: threshold not found: above the range"));
    }
}
