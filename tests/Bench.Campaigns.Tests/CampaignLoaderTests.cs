using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

public sealed class CampaignLoaderTests
{
    [Test]
    public void Loads_a_campaign_with_its_referenced_files()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign);

        var campaign = CampaignLoader.Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(campaign.Name, Is.EqualTo("test-campaign"));
            Assert.That(campaign.SourceFile, Is.EqualTo(Path.GetFullPath(file)));
            Assert.That(campaign.RigFile, Is.EqualTo(Path.Combine(tree.Path, "rigs", "simulated.yaml")));
            Assert.That(campaign.Rig, Is.EqualTo(RigDefinitionLoader.Load(campaign.RigFile)));
            Assert.That(campaign.Rig.Name, Is.EqualTo("test-rig"));
            Assert.That(campaign.TerminalFile, Is.EqualTo(Path.Combine(tree.Path, "terminals", "test.yaml")));
            Assert.That(campaign.Terminal.Model, Is.EqualTo("Test Terminal"));
            Assert.That(campaign.CardFile, Is.EqualTo(Path.Combine(tree.Path, "cards", "test.yaml")));
            Assert.That(campaign.Card.Pan, Is.EqualTo("6222021234567890128"));
            Assert.That(campaign.HostRulesFile, Is.Null);
            Assert.That(campaign.Experiments, Has.Count.EqualTo(1));
        });

        var experiment = campaign.Experiments[0];
        Assert.Multiple(() =>
        {
            Assert.That(experiment.Name, Is.EqualTo("delay"));
            Assert.That(experiment.Kind, Is.SameAs(ExperimentKinds.HostResponseDelay));
            Assert.That(experiment.Kind.ParameterName, Is.EqualTo("host response delay"));
            Assert.That(experiment.Kind.ParameterUnit, Is.EqualTo("s"));
            Assert.That(experiment.Range, Is.EqualTo(new ParameterRange(0, 120)));
            Assert.That(experiment.Resolution, Is.EqualTo(0.25));
            Assert.That(experiment.SearchMethod, Is.EqualTo(SearchMethod.Bisection));
            Assert.That(experiment.ConfirmationTrials, Is.EqualTo(1));
            Assert.That(experiment.Settle, Is.EqualTo(TimeSpan.Zero));
            Assert.That(experiment.AmountMinorUnits, Is.EqualTo(100));
            Assert.That(experiment.Terminal, Is.SameAs(campaign.Terminal));
            Assert.That(experiment.TerminalFile, Is.EqualTo(campaign.TerminalFile));
        });
    }

    [Test]
    public void An_experiment_can_override_the_terminal_and_set_optional_keys()
    {
        using var tree = FixtureTexts.FixtureTree();
        var text = FixtureTexts.Campaign.Replace("experiments:", "hostRules: ../hosts/default.yaml\nexperiments:", StringComparison.Ordinal) + """

              - name: short-delay
                kind: hostResponseDelay
                terminal: ../terminals/short.yaml
                from: 500ms
                to: 1.5min
                resolution: 0.5s
                search: bisection
                settle: 2s
                amount: 2500
            """;
        var file = tree.Write("campaigns/test.yaml", text);

        var campaign = CampaignLoader.Load(file);

        Assert.That(campaign.HostRulesFile, Is.EqualTo(Path.Combine(tree.Path, "hosts", "default.yaml")));
        var experiment = campaign.Experiments[1];
        Assert.Multiple(() =>
        {
            Assert.That(experiment.Terminal.Model, Is.EqualTo("Short Timeout Terminal"));
            Assert.That(experiment.Terminal.ResponseTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(experiment.TerminalFile, Is.EqualTo(Path.Combine(tree.Path, "terminals", "short.yaml")));
            Assert.That(experiment.Range, Is.EqualTo(new ParameterRange(0.5, 90)));
            Assert.That(experiment.Resolution, Is.EqualTo(0.5));
            Assert.That(experiment.Settle, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(experiment.AmountMinorUnits, Is.EqualTo(2500));
        });
    }

    [Test]
    public void Reports_the_documented_message_format()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Campaign, "resolution:", "resolution: -1"));

        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;

        Assert.That(error.Message, Is.EqualTo($"{file}:10:5: experiments[0].resolution: must be > 0 (got -1)"));
    }

    // Each case breaks one line of FixtureTexts.Campaign: experiment keys sit at column 5 of lines 6-10.
    [TestCase("resolution:", "resolution: 0", 10, 5, "experiments[0].resolution", "must be > 0 (got 0)")]
    [TestCase("resolution:", "resolution: 200", 10, 5, "experiments[0].resolution", "must not exceed the range width 120")]
    [TestCase("resolution:", "resolution: fine", 10, 5, "experiments[0].resolution", "must be a number of seconds or a duration")]
    [TestCase("to:", "to: 0", 9, 5, "experiments[0].to", "must be greater than from (0) (got 0)")]
    [TestCase("from:", "from: -5", 8, 5, "experiments[0].from", "hostResponseDelay takes host response delay from 0 to 3600 s (got -5)")]
    [TestCase("from:", "from: [1, 2]", 8, 5, "experiments[0].from", "must be a single value (got a list)")]
    [TestCase("from:", "from: 5 parsecs", 8, 5, "experiments[0].from", "(got '5 parsecs')")]
    [TestCase("kind:", "kind: lineCut", 7, 5, "experiments[0].kind", "unknown experiment kind 'lineCut'; known kinds: hostResponseDelay")]
    [TestCase("kind:", "knd: hostResponseDelay", 7, 5, "experiments[0].knd", "unknown key (did you mean 'kind'?); allowed keys: name, kind")]
    [TestCase("resolution:", "colour: red", 10, 5, "experiments[0].colour", "unknown key; allowed keys: name, kind")]
    [TestCase("kind:", "", 6, 5, "experiments[0].kind", "required key is missing")]
    [TestCase("- name: delay", "- name: bad/name", 6, 5, "experiments[0].name", "must be letters, digits")]
    [TestCase("resolution:", "search: psychometric", 10, 5, "experiments[0].search", "psychometric search is not supported for hostResponseDelay")]
    [TestCase("resolution:", "search: guess", 10, 5, "experiments[0].search", "must be bisection, frugal, staircase or psychometric (got 'guess')")]
    [TestCase("resolution:", "confirmationTrials: 11", 10, 5, "experiments[0].confirmationTrials", "must be between 0 and 10 trials at each end (got 11)")]
    [TestCase("resolution:", "confirmationTrials: many", 10, 5, "experiments[0].confirmationTrials", "many")]
    [TestCase("resolution:", "intervalWidth: 2s", 10, 5, "experiments[0].intervalWidth", "only a psychometric search stops at an interval width, and this experiment's search is bisection")]
    [TestCase("resolution:", "amount: 0", 10, 5, "experiments[0].amount", "must be between 1 and 999999999999")]
    [TestCase("resolution:", "settle: 3", 10, 5, "experiments[0].settle", "must be a duration with a unit")]
    [TestCase("resolution:", "terminal: ../terminals/missing.yaml", 10, 5, "experiments[0].terminal", "referenced file '../terminals/missing.yaml' does not exist")]
    [TestCase("rig:", "rig: ../rigs/missing.yaml", 2, 1, "rig", "referenced file '../rigs/missing.yaml' does not exist")]
    [TestCase("card:", "card: ../cards/missing.yaml", 4, 1, "card", "does not exist")]
    [TestCase("name: test-campaign", "nam: test-campaign", 1, 1, "nam", "unknown key (did you mean 'name'?)")]
    [TestCase("rig:", "", 1, 1, "rig", "required key is missing")]
    public void Reports_each_error_at_its_key(string linePrefix, string replacement, int line, int column, string keyPath, string problem)
    {
        using var tree = FixtureTexts.FixtureTree();
        var text = FixtureTexts.ReplaceLine(FixtureTexts.Campaign, linePrefix, replacement);
        if (linePrefix == "resolution:" && !replacement.StartsWith("resolution", StringComparison.Ordinal))
        {
            // Cases that add an optional key keep a valid resolution after it.
            text += "\n    resolution: 0.25";
        }

        var file = tree.Write("campaigns/test.yaml", text);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, line, column, keyPath, problem);
    }

    [Test]
    public void Reports_an_experiment_list_that_is_empty_not_a_list_or_has_a_non_mapping_entry()
    {
        using var tree = FixtureTexts.FixtureTree();
        var header = string.Join('\n', FixtureTexts.Campaign.Split('\n').Take(4));
        var empty = tree.Write("campaigns/empty.yaml", header + "\nexperiments: []\n");
        var scalar = tree.Write("campaigns/scalar.yaml", header + "\nexperiments:\n  - just a name\n");
        var notList = tree.Write("campaigns/not-list.yaml", header + "\nexperiments: none\n");

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(empty), empty, 5, 1, "experiments", "must list at least one entry");
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(notList), notList, 5, 1, "experiments", "must be a list (got 'none')");
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(scalar), scalar, 6, 5, "experiments[0]", "must be a mapping of keys (got 'just a name')");
    }

    [Test]
    public void Reports_duplicate_experiment_names_at_the_second()
    {
        using var tree = FixtureTexts.FixtureTree();
        var text = FixtureTexts.Campaign + "\n" + string.Join('\n', FixtureTexts.Campaign.Split('\n').Skip(5));
        var file = tree.Write("campaigns/test.yaml", text);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 11, 5, "experiments[1].name", "'delay' is already used");
    }

    [Test]
    public void Reports_errors_inside_a_referenced_file_against_that_file()
    {
        using var tree = FixtureTexts.FixtureTree();
        var terminal = tree.Write("terminals/test.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Terminal, "responseTimeout:", "responseTimeout: 60"));
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), terminal, 3, 1, "responseTimeout", "must be a duration with a unit");
    }

    [Test]
    public void Reports_errors_inside_the_rig_file_against_the_rig_file()
    {
        using var tree = FixtureTexts.FixtureTree();
        var rig = tree.Write("rigs/simulated.yaml", FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, 20, "sensePin: 25"));
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), rig, 28, 3, "attenuator.dataPin", "GPIO 25 is wired to more than one use");
    }

    [Test]
    public void Reports_a_bad_duration_in_the_rig_file_against_the_rig_file()
    {
        using var tree = FixtureTexts.FixtureTree();
        var rig = tree.Write("rigs/simulated.yaml", FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, 7, "dwell: 00:00:00.150"));
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), rig, 7, 3, "swipe.dwell", "must be a duration with a unit");
    }

    [Test]
    public void Reports_an_invalid_pan_in_the_referenced_card()
    {
        using var tree = FixtureTexts.FixtureTree();
        var card = tree.Write("cards/test.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Card, "pan:", "pan: \"6222021234567890120\""));
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), card, 2, 1, "pan", "Luhn");
    }
}
