using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Summary;

namespace Bench.Campaigns.Tests;

/// <summary>A <c>slowSwipe</c> experiment as a campaign file states it: it needs the rig's servo swiper, and predicts from the reader.</summary>
public sealed class SlowSwipeLoaderTests
{
    private const string Experiment = """
          - name: slow
            kind: slowSwipe
            from: 0.3s
            to: 6s
            resolution: 0.05s
        """;

    private static string Campaign(string rig, string experiments = Experiment) =>
        FixtureTexts.Campaign[..FixtureTexts.Campaign.IndexOf("experiments:", StringComparison.Ordinal)]
            .Replace("rig: ../rigs/simulated.yaml", "rig: " + rig, StringComparison.Ordinal) + "experiments:\n" + experiments;

    [Test]
    public void On_the_servo_rig_it_loads_with_the_card_prompt_trigger_and_predicts_from_the_slowest_swipe()
    {
        using var tree = FixtureTexts.FixtureTree();
        tree.Write("terminals/test.yaml", FixtureTexts.Terminal + "\ncardReader:\n  slowestSwipe: 500ms\n");
        var campaign = CampaignLoader.Load(tree.Write("campaigns/slow.yaml", Campaign(RepositoryFiles.Fixture("rigs/simulated-i2c.yaml"))));

        var experiment = campaign.Experiments.Single();
        var prediction = ThresholdPredictor.PredictBeforeRun(experiment, campaign.Rig)!;

        Assert.That(experiment.Kind, Is.SameAs(ExperimentKinds.SlowSwipe));
        Assert.That(experiment.Trigger, Is.EqualTo(InjectionTrigger.On(TrialEventKinds.CardPrompted)));
        Assert.That(experiment.Kind.ApprovedAboveThreshold, Is.False, "a short stroke is approved, a long one times out");
        // The card is in the reader from 0.3 to 0.7 of the stroke: 0.5 s of passage is a 1.25 s stroke.
        Assert.That(prediction.Value, Is.EqualTo(1.25).Within(1e-9));
        Assert.That(prediction.Basis, Does.Contain("0.5 s").And.Contain("reader window 0.4 of the stroke (56° of 140°)"));
    }

    [Test]
    public void On_a_solenoid_rig_it_is_refused_naming_the_experiment_and_the_rig()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/slow.yaml", Campaign("../rigs/simulated.yaml"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 7, 5, "experiments[0].kind",
            "experiment 'slow': slowSwipe needs a servo swiper (swiper: servo), and rig 'test-rig' swipes with a solenoid");
    }

    [Test]
    public void On_the_shipped_solenoid_rig_it_is_refused_too()
    {
        using var tree = FixtureTexts.FixtureTree();
        var file = tree.Write("campaigns/slow.yaml", Campaign(RepositoryFiles.Fixture("rigs/simulated.yaml")));

        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain("experiment 'slow': slowSwipe needs a servo swiper (swiper: servo), and rig 'simulated' swipes with a solenoid"));
    }

    [Test]
    public void On_a_rig_without_any_swiper_it_is_refused()
    {
        using var tree = FixtureTexts.FixtureTree();
        var swipeStart = FixtureTexts.Rig.IndexOf("swipe:", StringComparison.Ordinal);
        var swipeEnd = FixtureTexts.Rig.IndexOf("terminalPower:", StringComparison.Ordinal);
        tree.Write("rigs/no-swiper.yaml", FixtureTexts.Rig.Remove(swipeStart, swipeEnd - swipeStart));
        var file = tree.Write("campaigns/slow.yaml", Campaign("../rigs/no-swiper.yaml"));

        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 7, 5, "experiments[0].kind",
            "experiment 'slow': slowSwipe needs a servo swiper (swiper: servo), and rig 'test-rig' has no swiper");
    }

    [TestCase("trigger:\n      on: cardSwiped", "experiments[0].trigger", "slowSwipe always strikes on cardPrompted: leave the trigger out")]
    [TestCase("from: 0s", "experiments[0].from", "slowSwipe takes servo stroke time from 0.02 to 600 s (got 0)")]
    public void A_trigger_or_a_stroke_it_cannot_make_is_refused(string line, string keyPath, string problem)
    {
        using var tree = FixtureTexts.FixtureTree();
        var experiment = line.StartsWith("from:", StringComparison.Ordinal)
            ? Experiment.Replace("from: 0.3s", line, StringComparison.Ordinal)
            : Experiment + "\n    " + line;
        var file = tree.Write("campaigns/slow.yaml", Campaign(RepositoryFiles.Fixture("rigs/simulated-i2c.yaml"), experiment));

        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain($"{keyPath}: {problem}"));
        Assert.That(error.Message, Does.StartWith(file + ":"));
    }
}
