using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

/// <summary>Limits a run would hit mid-run are refused at load, with accurate wording and positions.</summary>
public sealed class CampaignLimitsTests
{
    private static readonly string WithSettle = FixtureTexts.Campaign + "\n    settle: 1s";

    [Test]
    public void A_settle_window_longer_than_the_trial_watchdog_allows_is_refused_at_its_line()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(WithSettle, "settle:", "settle: 20min"));

        // Test Terminal: 1.5 s card read + (0.5 s connect + 60 s response) x (3 resends + 2) = 304 s.
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 11, 5, "experiments[0].settle", "does not fit inside the trial watchdog for Test Terminal: at most 304s");
    }

    [Test]
    public void A_settle_window_at_the_watchdog_budget_is_accepted()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(WithSettle, "settle:", "settle: 304s"));

        Assert.That(CampaignLoader.Load(file).Experiments[0].Settle, Is.EqualTo(TimeSpan.FromSeconds(304)));
    }

    [Test]
    public void A_settle_window_too_long_for_a_timer_is_refused_not_thrown_mid_run()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(WithSettle, "settle:", "settle: 100000h"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 11, 5, "experiments[0].settle", "does not fit inside the trial watchdog");
    }

    [Test]
    public void A_negative_duration_is_reported_as_negative()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(WithSettle, "settle:", "settle: -1s"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 11, 5, "experiments[0].settle", "must not be negative (got '-1s')");
    }

    [Test]
    public void A_tab_in_the_indentation_is_reported_on_its_own_line()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Campaign, "kind:", "") .Replace("    from: 0", "\tkind: hostResponseDelay\n    from: 0", StringComparison.Ordinal));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 7, 1, "", "a tab in the indentation");
    }

    [Test]
    public void A_reference_to_a_folder_says_it_is_a_folder()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Campaign, "rig:", "rig: ../rigs"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 2, 1, "rig", "'../rigs' is a folder");
    }

    [Test]
    public void A_profile_error_names_the_campaign_line_that_referenced_the_profile()
    {
        using var tree = FixtureTexts.FixtureTree();
        var profile = tree.Write("terminals/bad.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Terminal, "responseTimeout:", "responseTimeout: 2h"));
        var campaign = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign + "\n    terminal: ../terminals/bad.yaml");

        var error = FixtureErrorAssert.Throws(() => CampaignLoader.Load(campaign), profile, 3, 1, "responseTimeout", "must be at most 3600s (got 7200s)");

        Assert.That(error.Problem, Does.EndWith($"(referenced at {campaign}:11:5: experiments[0].terminal)"));
    }

    [Test]
    public void A_profile_whose_trials_would_outlast_the_wall_time_cap_is_refused_at_the_reference()
    {
        using var tree = FixtureTexts.FixtureTree();
        tree.Write("terminals/slow.yaml", FixtureTexts.ReplaceLine(FixtureTexts.Terminal, "simulationTimeScale:", "simulationTimeScale: 0.001"));
        var campaign = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign + "\n    terminal: ../terminals/slow.yaml");

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(campaign), campaign, 11, 5, "experiments[0].terminal", "the trial watchdog allows at most 3600s");
    }

    [Test]
    public void A_fixture_file_over_the_size_cap_is_refused_before_it_is_parsed()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign + "\n#" + new string('x', (int)CampaignLimits.MaximumFixtureFileBytes));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 1, 1, "", "fixture files are capped at 1,000,000 bytes");
    }

    [Test]
    public void More_experiments_than_the_cap_are_refused_at_the_list()
    {
        using var tree = FixtureTexts.FixtureTree();
        var experiments = string.Concat(Enumerable.Range(0, CampaignLimits.MaximumExperiments + 1).Select(index =>
            $"\n  - name: e{index}\n    kind: hostResponseDelay\n    from: 0\n    to: 120\n    resolution: 1"));
        var file = tree.Write("campaigns/test.yaml", FixtureTexts.Campaign[..FixtureTexts.Campaign.IndexOf("experiments:", StringComparison.Ordinal)] + "experiments:" + experiments);

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 5, 1, "experiments", $"lists {CampaignLimits.MaximumExperiments + 1} experiments");
    }

    [Test]
    public void The_invalid_trial_limit_is_read_and_checked()
    {
        using var tree = FixtureTexts.FixtureTree();
        var good = tree.Write("campaigns/good.yaml", FixtureTexts.Campaign + "\n    invalidTrialLimit: 4");
        var bad = tree.Write("campaigns/bad.yaml", FixtureTexts.Campaign + "\n    invalidTrialLimit: 0");

        Assert.That(CampaignLoader.Load(good).Experiments[0].InvalidTrialLimit, Is.EqualTo(4));
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(bad), bad, 11, 5, "experiments[0].invalidTrialLimit", "must be between 1 and 20");
    }
}
