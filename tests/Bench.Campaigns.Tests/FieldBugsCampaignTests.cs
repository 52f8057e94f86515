using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Host;

namespace Bench.Campaigns.Tests;

/// <summary>fixtures/campaigns/field-bugs.yaml: one reproduction per field bug, loadable with any bug switched on.</summary>
public sealed class FieldBugsCampaignTests
{
    private static string CampaignFile => RepositoryFiles.Fixture("campaigns/field-bugs.yaml");

    [Test]
    public void Loads_with_one_experiment_per_bug_each_fenced_by_its_own_amount()
    {
        var campaign = CampaignLoader.Load(CampaignFile);

        var bugNames = FirmwareBugs.Switches.Select(bug => bug.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(campaign.Experiments.Select(experiment => experiment.Name),
                Is.EquivalentTo(bugNames.Select(ToKebabCase)), "an experiment named after each bug");
            Assert.That(campaign.Experiments.Select(experiment => experiment.AmountMinorUnits).Distinct().Count(), Is.EqualTo(bugNames.Count));
            Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.FirmwareBugs), Has.All.EqualTo(FirmwareBugs.None),
                "the campaign describes the injections; the bugs are switched on per run");
            Assert.That(campaign.HostRulesFile, Is.Not.Null);
        });
        Assert.That(HostRuleSetLoader.LoadFile(campaign.HostRulesFile!).Rules, Is.Not.Empty);
    }

    [Test]
    public void Every_bug_can_be_switched_on_for_a_run_and_reaches_every_profile()
    {
        foreach (var bug in FirmwareBugs.Switches)
        {
            var campaign = CampaignLoader.Load(CampaignFile, FixtureOverrides.Parse([$"terminal.firmwareBugs.{bug.Name}=true"]));

            Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.FirmwareBugs.EnabledNames),
                Has.All.EqualTo(new[] { bug.Name }), bug.Name);
        }
    }

    private static string ToKebabCase(string camelCase) =>
        string.Concat(camelCase.Select(character => char.IsUpper(character) ? "-" + char.ToLowerInvariant(character) : character.ToString()));
}
