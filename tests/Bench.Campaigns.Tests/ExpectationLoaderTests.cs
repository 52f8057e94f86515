using Bench.Campaigns.Checking;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

/// <summary>The <c>expectations:</c> and <c>baseline:</c> keys of campaign files.</summary>
public sealed class ExpectationLoaderTests
{
    // Line numbers matter: tests assert positions in this text. Lines 12-14 are the experiment's expectations.
    private const string Campaign = """
        name: expect-campaign
        rig: ../rigs/simulated.yaml
        terminal: ../terminals/test.yaml
        card: ../cards/test.yaml
        experiments:
          - name: delay
            kind: hostResponseDelay
            from: 0
            to: 120
            resolution: 0.25
            expectations:
              threshold: {nominal: 60s, tolerance: 2s}
              thresholdFound: true
              noOrphanDebit: true
        """;

    // A kind measured in B/s (any link): lines 6-14, its expectations from line 12.
    private const string BandwidthCampaign = """
        name: bandwidth-campaign
        rig: ../rigs/simulated.yaml
        terminal: ../terminals/test.yaml
        card: ../cards/test.yaml
        experiments:
          - name: bandwidth
            kind: linkBandwidth
            from: 1
            to: 100
            resolution: 1
            expectations:
              threshold: {min: 5}
        """;

    private static string Write(TemporaryDirectory tree, string text) => tree.Write("campaigns/test.yaml", text);

    [Test]
    public void Reads_nominal_and_tolerance_as_inclusive_limits_with_their_position()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, Campaign);

        var expectations = CampaignLoader.Load(file).Experiments[0].Expectations;

        Assert.That(expectations.Select(expectation => expectation.Name), Is.EqualTo(new[] { "threshold", "thresholdFound", "noOrphanDebit" }));
        var threshold = expectations[0];
        Assert.Multiple(() =>
        {
            Assert.That(threshold.Quantity, Is.EqualTo(ExpectationQuantity.Threshold));
            Assert.That(threshold.Low, Is.EqualTo(58));
            Assert.That(threshold.High, Is.EqualTo(62));
            Assert.That(threshold.Nominal, Is.EqualTo(60));
            Assert.That(threshold.Origin, Is.EqualTo(new ExpectationOrigin(file, 12, 7, "experiments[0].expectations.threshold")));
            Assert.That(expectations[1].Quantity, Is.EqualTo(ExpectationQuantity.ThresholdFound));
            Assert.That(expectations[2].Quantity, Is.EqualTo(ExpectationQuantity.TransactionsOf(TransactionClass.OrphanDebit)));
            Assert.That(expectations[2].Quantity.Name, Is.EqualTo("orphanDebit"));
            Assert.That((expectations[2].Low, expectations[2].High), Is.EqualTo(((double?)null, (double?)0)));
        });
    }

    [TestCase("threshold: {min: 1s}", 1, null)]
    [TestCase("threshold: {min: 1.5 s, max: 2min}", 1.5, 120)]
    [TestCase("threshold: {max: 500ms}", null, 0.5)]
    [TestCase("threshold: {min: 30, max: 90}", 30, 90)]
    [TestCase("threshold: {nominal: 1.4s, tolerance: 50ms, name: s10}", 1.35, 1.45)]
    public void Reads_seconds_as_durations_or_plain_seconds(string line, double? low, double? high)
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "threshold:", line));

        var threshold = CampaignLoader.Load(file).Experiments[0].Expectations[0];

        Assert.That(threshold.Low, Is.EqualTo(low).Within(1e-12));
        Assert.That(threshold.High, Is.EqualTo(high).Within(1e-12));
        Assert.That(threshold.Name, Is.EqualTo(line.Contains("name: s10", StringComparison.Ordinal) ? "s10" : "threshold"));
    }

    [TestCase("threshold: {min: 5}", 5, null)]
    [TestCase("threshold: {min: 5 B/s, max: 12.5B/s}", 5, 12.5)]
    public void Reads_other_units_as_plain_numbers_or_with_their_own_unit(string line, double? low, double? high)
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(BandwidthCampaign, "threshold:", line));

        var threshold = CampaignLoader.Load(file).Experiments[0].Expectations.Single();

        Assert.That((threshold.Low, threshold.High), Is.EqualTo((low, high)));
    }

    [Test]
    public void The_campaigns_expectations_apply_to_every_experiment_and_an_experiment_replaces_a_quantity_it_sets()
    {
        using var tree = FixtureTexts.FixtureTree();
        var text = FixtureTexts.ReplaceLine(Campaign, "experiments:", "expectations:\n  noOrphanDebit: true\n  noDuplicateDebit: true\n  thresholdFound: true\nexperiments:")
            .Replace("      noOrphanDebit: true", "      orphanDebit: {min: 1, name: bug-shows}", StringComparison.Ordinal)
            + "\n  - name: second\n    kind: hostResponseDelay\n    from: 0\n    to: 120\n    resolution: 0.25\n";
        var file = Write(tree, text);

        var campaign = CampaignLoader.Load(file);

        Assert.That(campaign.Experiments[0].Expectations.Select(expectation => expectation.Name),
            Is.EqualTo(new[] { "threshold", "thresholdFound", "bug-shows", "noDuplicateDebit" }));
        Assert.That(campaign.Experiments[0].Expectations[2].Low, Is.EqualTo(1));
        Assert.That(campaign.Experiments[0].Expectations[2].High, Is.Null);
        Assert.That(campaign.Experiments[1].Expectations.Select(expectation => expectation.Name),
            Is.EqualTo(new[] { "thresholdFound", "noOrphanDebit", "noDuplicateDebit" }));
        Assert.That(campaign.Experiments[1].Expectations[1].Origin.KeyPath, Is.EqualTo("expectations.noOrphanDebit"));
    }

    [Test]
    public void A_campaign_without_expectations_has_none()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.Campaign);

        var campaign = CampaignLoader.Load(file);

        Assert.That(campaign.Experiments[0].Expectations, Is.Empty);
        Assert.That(campaign.Baseline, Is.Null);
    }

    // Each case replaces line 12 (the threshold) of Campaign; its keys sit at column 7.
    [TestCase("tresholdFound: true", 12, 7, "experiments[0].expectations.tresholdFound", "unknown key (did you mean 'thresholdFound'?)")]
    [TestCase("noOrphanDebits: true", 12, 7, "experiments[0].expectations.noOrphanDebits", "unknown key (did you mean 'noOrphanDebit'?)")]
    [TestCase("threshold: {nominal: 60s, tolerence: 2s}", 12, 33, "experiments[0].expectations.threshold.tolerence", "unknown key (did you mean 'tolerance'?)")]
    [TestCase("threshold: 60s", 12, 7, "experiments[0].expectations.threshold", "must be a mapping of limits, e.g. {nominal: 60s, tolerance: 2s}")]
    [TestCase("threshold: {nominal: 60s}", 12, 18, "experiments[0].expectations.threshold.tolerance", "required key is missing: give the nominal value's tolerance")]
    [TestCase("threshold: {tolerance: 2s}", 12, 18, "experiments[0].expectations.threshold.nominal", "required key is missing: a tolerance is around a nominal value")]
    [TestCase("threshold: {nominal: 60s, tolerance: 2s, max: 70s}", 12, 48, "experiments[0].expectations.threshold.max", "give either nominal and tolerance or min/max, not both")]
    [TestCase("threshold: {nominal: 60s, tolerance: -2}", 12, 33, "experiments[0].expectations.threshold.tolerance", "must not be negative (got -2)")]
    [TestCase("threshold: {min: 70s, max: 60s}", 12, 29, "experiments[0].expectations.threshold.max", "must not be below min 70 (got 60)")]
    [TestCase("threshold: {name: timeout}", 12, 18, "experiments[0].expectations.threshold.min", "required key is missing: give nominal and tolerance, or min, max or both")]
    [TestCase("threshold: {min: 20 dB}", 12, 19, "experiments[0].expectations.threshold.min", "unit mismatch: dB is not a duration, and hostResponseDelay measures host response delay in seconds (got '20 dB')")]
    [TestCase("threshold: {min: soon}", 12, 19, "experiments[0].expectations.threshold.min", "must be a duration like 60s or 1.5 s (hostResponseDelay measures host response delay in seconds) (got 'soon')")]
    [TestCase("noDoubleReversal: false", 12, 7, "experiments[0].expectations.noDoubleReversal", "must be true; leave the key out not to check it, or give doubleReversal: {min: 1} to expect one")]
    [TestCase("noDuplicateDebit: yes", 12, 7, "experiments[0].expectations.noDuplicateDebit", "must be true")]
    [TestCase("orphanDebit: {max: 0}", 12, 7, "experiments[0].expectations.orphanDebit", "give either noOrphanDebit or orphanDebit, not both")]
    [TestCase("compensated: 3", 12, 7, "experiments[0].expectations.compensated", "must be a mapping of limits on the count, e.g. {max: 0}")]
    [TestCase("compensated: {min: -1}", 12, 21, "experiments[0].expectations.compensated.min", "is a count: must not be negative (got -1)")]
    [TestCase("compensated: {min: 1.5}", 12, 21, "experiments[0].expectations.compensated.min", "must be a whole number (got '1.5')")]
    [TestCase("compensated: {min: 3, max: 2}", 12, 29, "experiments[0].expectations.compensated.max", "must not be below min 3 (got 2)")]
    [TestCase("maxMoveFromBaseline: -1s", 12, 7, "experiments[0].expectations.maxMoveFromBaseline", "must not be negative (got -1)")]
    [TestCase("maxMoveFromBaseline: far", 12, 7, "experiments[0].expectations.maxMoveFromBaseline", "must be a duration like 60s")]
    [TestCase("threshold: {min: 1s, name: thresholdFound}", 13, 7, "experiments[0].expectations.thresholdFound", "two expectations of this experiment are named 'thresholdFound'")]
    public void Reports_each_mistake_at_its_key(string replacement, int line, int column, string keyPath, string problem)
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "threshold:", replacement));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, line, column, keyPath, problem);
    }

    [TestCase("threshold: {min: 5s}", 12, 19, "unit mismatch: '5s' is a duration, and linkBandwidth measures link bandwidth in B/s; give a plain number of B/s")]
    [TestCase("threshold: {min: 5 dB}", 12, 19, "unit mismatch: '5 dB' is in dB, and linkBandwidth measures link bandwidth in B/s")]
    [TestCase("maxMoveFromBaseline: 1min", 12, 7, "unit mismatch: '1min' is a duration")]
    public void A_limit_in_another_unit_than_the_kinds_is_a_unit_mismatch(string replacement, int line, int column, string problem)
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(BandwidthCampaign, "threshold:", replacement));

        var key = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var keyPath = key == "threshold" ? "experiments[0].expectations.threshold.min" : $"experiments[0].expectations.{key}";
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, line, column, keyPath, problem);
    }

    [TestCase("threshold: {min: 1s}", "threshold")]
    [TestCase("maxMoveFromBaseline: 1s", "maxMoveFromBaseline")]
    public void A_quantity_in_the_kinds_unit_cannot_be_set_campaign_wide(string line, string key)
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "experiments:", $"expectations:\n  {line}\nexperiments:"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 6, 3, $"expectations.{key}", "is set per experiment: its unit is the experiment kind's");
    }

    [Test]
    public void Reports_a_misspelt_campaign_key_with_the_nearest_one()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "experiments:", "expectation:\n  noOrphanDebit: true\nexperiments:"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 5, 1, "expectation", "unknown key (did you mean 'expectations'?)");
    }

    [Test]
    public void A_set_override_reaches_an_expectations_limit()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, Campaign);

        var campaign = CampaignLoader.Load(file, FixtureOverrides.Parse(["experiments.delay.expectations.threshold.tolerance=3s"]));

        Assert.That((campaign.Experiments[0].Expectations[0].Low, campaign.Experiments[0].Expectations[0].High), Is.EqualTo(((double?)57, (double?)63)));
    }

    [Test]
    public void A_baseline_is_read_relative_to_the_campaign_and_its_experiments_checked()
    {
        using var tree = FixtureTexts.FixtureTree();
        var baseline = tree.Write("baselines/summary.json", ExpectationBaselineTests.SummaryJson("delay", "s", 59.9));
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "thresholdFound:", "maxMoveFromBaseline: 0.5s")
            .Replace("experiments:", "baseline: ../baselines/summary.json\nexperiments:", StringComparison.Ordinal));

        var campaign = CampaignLoader.Load(file);

        Assert.That(campaign.Baseline!.File, Is.EqualTo(baseline));
        Assert.That(campaign.Baseline.RunId, Is.EqualTo("baseline-run"));
        Assert.That(campaign.Baseline.Find("delay")!.Threshold, Is.EqualTo(59.9));
        var move = campaign.Experiments[0].Expectations.Single(expectation => expectation.Quantity == ExpectationQuantity.MoveFromBaseline);
        Assert.That((move.Low, move.High), Is.EqualTo(((double?)-0.5, (double?)0.5)));
    }

    [Test]
    public void A_baseline_without_the_experiment_is_refused_at_the_expectation()
    {
        using var tree = FixtureTexts.FixtureTree();
        tree.Write("baselines/summary.json", ExpectationBaselineTests.SummaryJson("other", "s", 59.9));
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "thresholdFound:", "maxMoveFromBaseline: 0.5s")
            .Replace("experiments:", "baseline: ../baselines/summary.json\nexperiments:", StringComparison.Ordinal));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 14, 7, "experiments[0].expectations.maxMoveFromBaseline",
            "(run baseline-run) has no experiment 'delay'; it has: other");
    }

    [Test]
    public void A_baseline_in_another_unit_is_refused_at_the_expectation()
    {
        using var tree = FixtureTexts.FixtureTree();
        tree.Write("baselines/summary.json", ExpectationBaselineTests.SummaryJson("delay", "dB", 20));
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "thresholdFound:", "maxMoveFromBaseline: 0.5s")
            .Replace("experiments:", "baseline: ../baselines/summary.json\nexperiments:", StringComparison.Ordinal));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 14, 7, "experiments[0].expectations.maxMoveFromBaseline",
            "unit mismatch: the baseline");
    }

    [Test]
    public void A_missing_baseline_file_is_reported_at_the_campaign_key()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "experiments:", "baseline: ../baselines/none.json\nexperiments:"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 5, 1, "baseline", "referenced file '../baselines/none.json' does not exist");
    }

    [Test]
    public void A_baseline_expectation_without_a_baseline_loads_but_is_refused_by_the_check_before_a_run()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = Write(tree, FixtureTexts.ReplaceLine(Campaign, "thresholdFound:", "maxMoveFromBaseline: 0.5s"));
        var campaign = CampaignLoader.Load(file);

        FixtureErrorAssert.Throws(() => ExpectationBaselineCheck.Check(campaign), file, 13, 7, "experiments[0].expectations.maxMoveFromBaseline",
            "needs a baseline run: set baseline: path/to/summary.json in the campaign or pass --baseline FILE");
    }
}
