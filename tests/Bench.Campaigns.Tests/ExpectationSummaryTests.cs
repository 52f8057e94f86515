using System.Text.Json;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Tests;

/// <summary>summary.json's <c>expectations</c>: an interface nightly jobs and the report parse, so its shape is fixed.</summary>
public sealed class ExpectationSummaryTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);

    private static RunSummary Sample() =>
        new("run-1", "certification", Start, Start.AddMinutes(7),
        [
            ExperimentSummaryFactory.Create(SampleData.Experiment("vx520-host-delay"),
                new ThresholdSearchResult(ThresholdSearchStatus.Found, 29.875, 29.75, 30, 0.25, 9, 0, [], "flips between 29.75 (approved) and 30 (timeout)")),
        ])
        {
            Expectations =
            [
                new ExpectationVerdict("vx520-host-delay", "effective-response-timeout", "threshold", "s", 29.875, 28, 32, ExpectationOutcome.Pass, "threshold 29.875 s is within the limits", 9),
                new ExpectationVerdict("vx520-host-delay", "noOrphanDebit", "orphanDebit", "transactions", 1, null, 0, ExpectationOutcome.Fail, "1 orphanDebit transaction(s)", 4),
                new ExpectationVerdict("vx520-host-delay", "threshold", "threshold", "s", null, 1.35, null, ExpectationOutcome.Marginal, "reaches past", null),
            ],
        };

    [Test]
    public void Each_expectation_has_exactly_the_documented_properties()
    {
        using var document = JsonDocument.Parse(SummaryJsonWriter.Serialize(Sample()));

        var expectations = document.RootElement.GetProperty("expectations");

        Assert.That(expectations.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(expectations.GetArrayLength(), Is.EqualTo(3));
        foreach (var expectation in expectations.EnumerateArray())
        {
            Assert.That(expectation.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[]
            {
                "experiment", "name", "quantity", "unit", "measured", "low", "high", "verdict", "detail", "trialIndex",
            }));
        }
    }

    [Test]
    public void Values_are_numbers_or_null_and_verdicts_lower_case_words()
    {
        using var document = JsonDocument.Parse(SummaryJsonWriter.Serialize(Sample()));
        var expectations = document.RootElement.GetProperty("expectations");
        var pass = expectations[0];
        var fail = expectations[1];
        var marginal = expectations[2];

        Assert.Multiple(() =>
        {
            Assert.That(pass.GetProperty("experiment").GetString(), Is.EqualTo("vx520-host-delay"));
            Assert.That(pass.GetProperty("name").GetString(), Is.EqualTo("effective-response-timeout"));
            Assert.That(pass.GetProperty("quantity").GetString(), Is.EqualTo("threshold"));
            Assert.That(pass.GetProperty("unit").GetString(), Is.EqualTo("s"));
            Assert.That(pass.GetProperty("measured").GetDouble(), Is.EqualTo(29.875));
            Assert.That(pass.GetProperty("low").GetDouble(), Is.EqualTo(28));
            Assert.That(pass.GetProperty("high").GetDouble(), Is.EqualTo(32));
            Assert.That(pass.GetProperty("verdict").GetString(), Is.EqualTo("pass"));
            Assert.That(pass.GetProperty("detail").GetString(), Is.EqualTo("threshold 29.875 s is within the limits"));
            Assert.That(pass.GetProperty("trialIndex").GetInt32(), Is.EqualTo(9));
            Assert.That(fail.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
            Assert.That(fail.GetProperty("low").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(fail.GetProperty("high").GetDouble(), Is.EqualTo(0));
            Assert.That(marginal.GetProperty("verdict").GetString(), Is.EqualTo("marginal"));
            Assert.That(marginal.GetProperty("measured").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(marginal.GetProperty("high").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(marginal.GetProperty("trialIndex").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void A_run_without_expectations_writes_an_empty_array_and_reads_back()
    {
        var summary = Sample() with { Expectations = [] };

        using var document = JsonDocument.Parse(SummaryJsonWriter.Serialize(summary));

        Assert.That(document.RootElement.GetProperty("expectations").GetArrayLength(), Is.EqualTo(0));
        Assert.That(SummaryJsonWriter.Deserialize(SummaryJsonWriter.Serialize(Sample())).Expectations, Is.EqualTo(Sample().Expectations));
    }

    [Test]
    public void The_console_table_prints_each_verdict_and_the_detail_of_those_that_did_not_pass()
    {
        var table = SummaryTable.Format(Sample());

        var lines = table.Split(Environment.NewLine);
        Assert.That(table, Does.Contain("Expectations: 1 pass, 1 FAIL, 1 MARGINAL"));
        Assert.That(lines, Has.Some.Matches<string>(line => line.StartsWith("vx520-host-delay  effective-response-timeout  29.875", StringComparison.Ordinal)
            && line.Contains("[28, 32]", StringComparison.Ordinal) && line.Contains("#9", StringComparison.Ordinal) && line.EndsWith("pass", StringComparison.Ordinal)));
        Assert.That(lines, Has.Some.Matches<string>(line => line.StartsWith("vx520-host-delay  noOrphanDebit", StringComparison.Ordinal)
            && line.Contains("<= 0", StringComparison.Ordinal) && line.EndsWith("FAIL", StringComparison.Ordinal)));
        Assert.That(lines, Has.Some.EqualTo("  vx520-host-delay noOrphanDebit: 1 orphanDebit transaction(s)"));
        Assert.That(lines, Has.Some.EqualTo("  vx520-host-delay threshold: reaches past"));
        Assert.That(lines, Has.None.EqualTo("  vx520-host-delay effective-response-timeout: threshold 29.875 s is within the limits"));
    }

    [Test]
    public void A_run_without_expectations_prints_no_expectations_table()
    {
        Assert.That(SummaryTable.Format(Sample() with { Expectations = [] }), Does.Not.Contain("Expectations"));
    }
}
