using Bench.Campaigns.Expectations;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Checking;

namespace Bench.Campaigns.Tests;

/// <summary>The shipped certification and nightly campaigns load, cover what they claim, and hold limits derived from their profiles.</summary>
public sealed class ExpectationShippedCampaignTests
{
    private static CampaignDefinition Load(string name) => CampaignLoader.Load(RepositoryFiles.Fixture($"campaigns/{name}.yaml"));

    private static Expectation? Find(ExperimentDefinition experiment, ExpectationQuantity quantity) =>
        experiment.Expectations.SingleOrDefault(expectation => expectation.Quantity == quantity);

    [Test]
    public void Certification_sweeps_every_injection_kind_once_with_one_shipped_profile_per_link()
    {
        var campaign = Load("certification");

        // Its rig swipes with a solenoid: a kind that needs the servo is in swipe-faults.yaml, on the I2C rig.
        Assert.That(campaign.Experiments.Select(experiment => experiment.Kind), Is.EquivalentTo(ExperimentKinds.All.Where(kind => kind.RequiredSwiper is null)));
        Assert.That(campaign.Experiments.Select(experiment => Path.GetDirectoryName(experiment.TerminalFile)), Has.All.EqualTo(RepositoryFiles.Fixture("terminals")));
        var profilesPerLink = campaign.Experiments.GroupBy(experiment => experiment.Terminal.Link)
            .ToDictionary(group => group.Key, group => group.Select(experiment => experiment.TerminalFile).Distinct().Count());
        Assert.That(profilesPerLink, Is.EqualTo(new Dictionary<string, int> { ["ethernet"] = 1, ["pstn"] = 1, ["cellular"] = 1 }));
    }

    [Test]
    public void Certification_holds_every_experiment_to_a_threshold_and_no_money_lost()
    {
        var campaign = Load("certification");

        foreach (var experiment in campaign.Experiments)
        {
            Assert.That(Find(experiment, ExpectationQuantity.ThresholdFound), Is.Not.Null, experiment.Name);
            foreach (var fatal in CheckerReport.FatalClasses)
            {
                Assert.That(Find(experiment, ExpectationQuantity.TransactionsOf(fatal))?.High, Is.EqualTo(0), $"{experiment.Name}: {fatal}");
            }
        }
    }

    [Test]
    public void Certification_limits_are_derived_from_the_profiles()
    {
        var campaign = Load("certification");
        ExperimentDefinition Of(ExperimentKind kind) => campaign.Experiments.Single(experiment => experiment.Kind == kind);
        double? Nominal(ExperimentKind kind) => Find(Of(kind), ExpectationQuantity.Threshold)?.Nominal;

        var delay = Of(ExperimentKinds.HostResponseDelay);
        var lineCut = Of(ExperimentKinds.PhoneLineCut);
        var simOff = Of(ExperimentKinds.SimPowerOff);
        Assert.Multiple(() =>
        {
            // Effective response timeout = configured ± 2 s.
            Assert.That(Nominal(ExperimentKinds.HostResponseDelay), Is.EqualTo(delay.Terminal.ResponseTimeout.TotalSeconds));
            Assert.That(Find(delay, ExpectationQuantity.Threshold)!.High - delay.Terminal.ResponseTimeout.TotalSeconds, Is.EqualTo(2).Within(1e-9));
            // Line-cut tolerance = S10, to the search's resolution.
            Assert.That(Nominal(ExperimentKinds.PhoneLineCut), Is.EqualTo(lineCut.Terminal.Pstn.CarrierLossTolerance.TotalSeconds));
            Assert.That(Find(lineCut, ExpectationQuantity.Threshold)!.High - lineCut.Terminal.Pstn.CarrierLossTolerance.TotalSeconds, Is.EqualTo(lineCut.Resolution).Within(1e-9));
            Assert.That(Nominal(ExperimentKinds.LateSwipe), Is.EqualTo(Of(ExperimentKinds.LateSwipe).Terminal.CardReadTimeout.TotalSeconds));
            Assert.That(Nominal(ExperimentKinds.SimPowerOff), Is.EqualTo((simOff.Terminal.ConnectTimeout - simOff.Terminal.Cellular.AttachTime).TotalSeconds));
            Assert.That(Nominal(ExperimentKinds.LinkLatency), Is.EqualTo(Of(ExperimentKinds.LinkLatency).Terminal.ResponseTimeout.TotalSeconds / 4));
        });

        // Every threshold limit lies inside the experiment's range: a limit the search cannot reach checks nothing.
        foreach (var experiment in campaign.Experiments)
        {
            if (Find(experiment, ExpectationQuantity.Threshold) is not { } threshold) continue;
            Assert.That(threshold.Low ?? experiment.Range.From, Is.InRange(experiment.Range.From, experiment.Range.To), experiment.Name);
            Assert.That(threshold.High ?? experiment.Range.To, Is.InRange(experiment.Range.From, experiment.Range.To), experiment.Name);
        }
    }

    [Test]
    public void Nightly_holds_each_threshold_against_its_committed_baseline_run()
    {
        var campaign = Load("nightly");

        Assert.That(campaign.Baseline, Is.Not.Null);
        Assert.That(campaign.Baseline!.File, Is.EqualTo(RepositoryFiles.Fixture("baselines/nightly-summary.json")));
        Assert.That(campaign.Experiments, Has.Count.InRange(3, 6));
        foreach (var experiment in campaign.Experiments)
        {
            var move = Find(experiment, ExpectationQuantity.MoveFromBaseline);
            var recorded = campaign.Baseline.Find(experiment.Name);
            Assert.That(move, Is.Not.Null, experiment.Name);
            Assert.That(recorded, Is.Not.Null, experiment.Name);
            Assert.That(recorded!.Status, Is.EqualTo("found"), experiment.Name);
            // Two search steps: a bracket one step over is a pass, not noise that fails the night.
            Assert.That(move!.High, Is.EqualTo(2 * experiment.Resolution).Within(1e-9), experiment.Name);
        }
    }
}
