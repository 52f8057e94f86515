using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Summary;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary><c>--set PATH=VALUE</c>: applied to the YAML before the loaders read it, checked as the file's own keys are.</summary>
public sealed class FixtureOverrideTests
{
    // Two experiments, the second with its own terminal profile (a dotted name, too).
    private const string TwoExperiments = """
        name: test-campaign
        rig: ../rigs/simulated.yaml
        terminal: ../terminals/test.yaml
        card: ../cards/test.yaml
        experiments:
          - name: delay
            kind: hostResponseDelay
            from: 0
            to: 120
            resolution: 0.25
          - name: short.delay
            kind: hostResponseDelay
            terminal: ../terminals/short.yaml
            from: 0
            to: 60
            resolution: 0.5
        """;

    private static Bench.Campaigns.Experiments.CampaignDefinition Load(TemporaryDirectory tree, params string[] overrides) =>
        CampaignLoader.Load(tree.Write("campaigns/campaign.yaml", TwoExperiments), FixtureOverrides.Parse(overrides));

    private static CampaignFileException LoadFails(params string[] overrides)
    {
        using var tree = FixtureTexts.FixtureTree();
        return Assert.Throws<CampaignFileException>(() => Load(tree, overrides))!;
    }

    [Test]
    public void A_terminal_key_applies_to_every_terminal_profile_the_campaign_loads()
    {
        using var tree = FixtureTexts.FixtureTree();

        var campaign = Load(tree, "terminal.firmwareBugs.macCheckIgnored=true", "terminal.reversalResendCount=1");

        Assert.Multiple(() =>
        {
            Assert.That(campaign.Terminal.FirmwareBugs, Is.EqualTo(new FirmwareBugs { MacCheckIgnored = true }));
            Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.Model), Is.EqualTo(new[] { "Test Terminal", "Short Timeout Terminal" }));
            Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.FirmwareBugs.MacCheckIgnored), Has.All.True);
            Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.ReversalResendCount), Has.All.EqualTo(1));
        });
    }

    [Test]
    public void An_experiment_is_named_or_indexed_and_only_it_changes()
    {
        using var tree = FixtureTexts.FixtureTree();

        var campaign = Load(tree, "experiments.short.delay.to=90", "experiments[0].resolution=1", "experiments.delay.amount=4200");

        Assert.Multiple(() =>
        {
            Assert.That(campaign.Experiments[0].Resolution, Is.EqualTo(1));
            Assert.That(campaign.Experiments[0].AmountMinorUnits, Is.EqualTo(4200));
            Assert.That(campaign.Experiments[0].Range.To, Is.EqualTo(120));
            Assert.That(campaign.Experiments[1].Range.To, Is.EqualTo(90), "the longest name that fits wins: 'short.delay', not 'short'");
            Assert.That(campaign.Experiments[1].AmountMinorUnits, Is.EqualTo(100));
        });
    }

    [Test]
    public void Campaign_rig_and_card_keys_and_a_section_the_file_leaves_out()
    {
        using var tree = FixtureTexts.FixtureTree();

        var campaign = Load(tree, "name=renamed", "rig.swipe.dwell=200ms", "card.label=other card", "experiments.delay.trigger.on=cardSwiped",
            "experiments.delay.kind=terminalPowerCut", "experiments.delay.to=8");

        Assert.Multiple(() =>
        {
            Assert.That(campaign.Name, Is.EqualTo("renamed"));
            Assert.That(campaign.Rig.Swipe!.Dwell, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(campaign.Card.Label, Is.EqualTo("other card"));
            Assert.That(campaign.Experiments[0].Trigger.Event, Is.EqualTo("cardSwiped"));
        });
    }

    [Test]
    public void The_last_override_of_a_path_wins_and_all_are_recorded_in_order()
    {
        using var tree = FixtureTexts.FixtureTree();
        string[] given = ["terminal.firmwareBugs.macCheckIgnored=true", "experiments[0].to=100", "experiments[0].to=110"];

        var campaign = Load(tree, given);

        Assert.That(campaign.Experiments[0].Range.To, Is.EqualTo(110));
        Assert.That(campaign.Overrides.Select(applied => applied.ToString()), Is.EqualTo(given));
        Assert.That(campaign.Overrides[0], Is.EqualTo(new FixtureOverride("terminal.firmwareBugs.macCheckIgnored", "true")));
    }

    [Test]
    public void The_overrides_go_into_summary_json_additively()
    {
        var overrides = new[] { new FixtureOverride("terminal.firmwareBugs.macCheckIgnored", "true") };
        var summary = new RunSummary("run-1", "test", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []) { Overrides = overrides };

        var json = SummaryJsonWriter.Serialize(summary);

        Assert.That(json, Does.Contain("\"overrides\": [").And.Contain("\"path\": \"terminal.firmwareBugs.macCheckIgnored\"").And.Contain("\"value\": \"true\""));
        Assert.That(SummaryJsonWriter.Deserialize(json).Overrides, Is.EqualTo(overrides));
        Assert.That(SummaryJsonWriter.Deserialize("""{"runId":"r","campaignName":"c","experiments":[]}""").Overrides, Is.Empty, "a summary written before overrides existed");
    }

    [Test]
    public void An_unknown_key_is_the_overrides_with_the_nearest_key()
    {
        var error = LoadFails("terminal.firmwareBugs.macChekIgnored=true");

        Assert.That(error.Message, Does.StartWith("--set terminal.firmwareBugs.macChekIgnored: unknown key (did you mean 'macCheckIgnored'?)"));
        Assert.That(error.OverridePath, Is.EqualTo("terminal.firmwareBugs.macChekIgnored"));
        Assert.That(error.File, Is.EqualTo(CampaignFileException.OverrideOption));
    }

    [TestCase("terminal.pstnn.dialRetries=3", "--set terminal.pstnn.dialRetries: pstnn: unknown key (did you mean 'pstn'?)")]
    [TestCase("terminl.responseTimeout=10s", "--set terminl.responseTimeout: terminl: unknown key (did you mean 'terminal'?)")]
    [TestCase("experiments.delya.to=10", "--set experiments.delya.to: no experiment named 'delya' (did you mean 'delay'?); experiments: delay, short.delay")]
    [TestCase("experiments[0].resolutoin=1", "--set experiments[0].resolutoin: unknown key (did you mean 'resolution'?)")]
    [TestCase("experiments[5].to=10", "--set experiments[5].to: 'experiments' has 2 entries (index 0 to 1)")]
    [TestCase("experiments.delay=10", "--set experiments.delay: name a key of the experiment, e.g. experiments.delay.from")]
    [TestCase("experiments[0].kind.name=x", "--set experiments[0].kind.name: 'experiments[0].kind' holds 'hostResponseDelay', not keys")]
    [TestCase("rig.swipe.pins=3", "--set rig.swipe.pins: unknown key (did you mean 'pin'?)")]
    public void A_path_that_leads_nowhere_says_so_and_suggests(string given, string expected)
    {
        Assert.That(LoadFails(given).Message, Does.StartWith(expected));
    }

    [TestCase("terminal.firmwareBugs.macCheckIgnored=maybe", "--set terminal.firmwareBugs.macCheckIgnored: must be true or false (got 'maybe')")]
    [TestCase("terminal.responseTimeout=60", "--set terminal.responseTimeout: must be a duration with a unit")]
    [TestCase("terminal.reversalResendCount=12", "--set terminal.reversalResendCount: must be between 0 and 9 (got 12)")]
    [TestCase("experiments.delay.from=soon", "--set experiments.delay.from: must be a number of seconds")]
    [TestCase("experiments.delay.to=", "--set experiments.delay.to: must not be empty")]
    [TestCase("experiments.delay.trigger.after=1s", "--set experiments.delay.trigger.after: experiments[0].trigger.on: required key is missing")]
    [TestCase("terminal.pstn.dialRetries=3", "--set terminal.pstn.dialRetries: pstn: only a terminal with link: pstn has a dial-up modem")]
    public void A_value_of_the_wrong_type_is_the_overrides(string given, string expected)
    {
        Assert.That(LoadFails(given).Message, Does.StartWith(expected));
    }

    [TestCase("experiments", "must be PATH=VALUE")]
    [TestCase("=true", "must be PATH=VALUE")]
    [TestCase("terminal..model=x", "every step of the path needs a key")]
    [TestCase("experiments[x].to=1", "a list index is written KEY[INDEX]")]
    public void A_malformed_override_is_refused_before_anything_loads(string given, string problem)
    {
        var error = Assert.Throws<CampaignFileException>(() => FixtureOverrides.Parse([given]))!;

        Assert.That(error.Message, Does.StartWith("--set ").And.Contain(problem));
    }

    [Test]
    public void A_problem_in_the_file_keeps_its_position_when_overrides_apply()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/campaign.yaml", FixtureTexts.ReplaceLine(TwoExperiments, "resolution: 0.25", "resolution: fine"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file, FixtureOverrides.Parse(["terminal.firmwareBugs.macCheckIgnored=true"])),
            file, 10, 5, "experiments[0].resolution", "must be a number of seconds or a duration with a unit");
    }

    [Test]
    public void A_value_an_override_makes_wrong_elsewhere_is_reported_where_the_file_holds_the_other_value()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/campaign.yaml", TwoExperiments);

        // from is the override's, but the check that fails is on the file's 'to'.
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file, FixtureOverrides.Parse(["experiments[0].from=200"])),
            file, 9, 5, "experiments[0].to", "must be greater than from (200)");
    }
}
