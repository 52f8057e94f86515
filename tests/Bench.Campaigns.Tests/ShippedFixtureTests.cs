using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Hardware.Simulation;

namespace Bench.Campaigns.Tests;

/// <summary>The YAML files shipped in fixtures/ load and keep the quick start quick.</summary>
public sealed class ShippedFixtureTests
{
    private static string FixturesFolder() => Path.Combine(RepositoryFiles.Root, "fixtures");

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(FixturesFolder(), folder), "*.yaml").Order(StringComparer.Ordinal);

    [Test]
    public void Every_terminal_profile_loads()
    {
        var profiles = Files("terminals").Select(TerminalProfileLoader.Load).ToList();

        Assert.That(profiles.Select(profile => profile.Model), Is.SupersetOf(new[] { "PAX S90", "Verifone VX520" }));
        Assert.That(profiles.Select(profile => profile.ResponseTimeout).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public void Every_test_card_loads_with_a_luhn_valid_pan()
    {
        var cards = Files("cards").Select(TestCardLoader.Load).ToList();

        Assert.That(cards, Is.Not.Empty);
        Assert.That(cards.Select(card => card.Pan), Has.All.Matches<string>(Bench.Codec.MagneticStripeCard.IsLuhnValid));
    }

    [Test]
    public void The_simulated_rig_fixture_is_the_simulated_rigs_default()
    {
        var loaded = RigDefinitionLoader.Load(Path.Combine(FixturesFolder(), "rigs", "simulated.yaml"));

        Assert.That(loaded, Is.EqualTo(SimulatedRig.DefaultDefinition));
    }

    [Test]
    public void The_pi5_rig_fixture_names_the_libgpiod_v2_driver_and_active_low_relays()
    {
        var loaded = RigDefinitionLoader.Load(Path.Combine(FixturesFolder(), "rigs", "pi5-rig.yaml"));

        Assert.That(loaded.GpioDriver, Is.EqualTo(GpioDriverKind.LibGpiodV2));
        Assert.That(loaded.PhoneLine, Is.EqualTo(new RelayDefinition
        {
            Pin = 17, ActiveHigh = false, Contact = RelayContact.NormallyClosed, SensePin = 27, SenseActiveHigh = false,
            SettleTime = TimeSpan.FromMilliseconds(50),
        }));
        Assert.That(loaded.Swipe!.Dwell, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(loaded.Swipe.MinimumRearm, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(loaded.Attenuator!.MaximumDecibels, Is.EqualTo(31.5));
    }

    [Test]
    public void Every_rig_fixture_drives_a_simulated_rig_through_its_self_test()
    {
        var files = Files("rigs").ToList();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "pi5-rig.yaml", "simulated.yaml" }));

        foreach (var file in files)
        {
            var definition = RigDefinitionLoader.Load(file);
            // A fast real clock: the self-test waits out each relay's settle time.
            using var simulated = new SimulatedRig(definition, new ScaledTimeProvider(1000));
            var selfTest = simulated.Rig.SelfTestAsync();

            // The bound only limits how long a broken rig can hang the test.
            Assert.That(selfTest.Wait(TimeSpan.FromSeconds(10)), Is.True, file);
            Assert.That(selfTest.Result.VerifiedRelays, Has.Count.EqualTo(3), file);
        }
    }

    [Test]
    public void Quickstart_sweeps_the_host_delay_for_two_terminal_models_in_under_two_minutes()
    {
        using var tree = new TemporaryDirectory();
        foreach (var folder in new[] { "campaigns", "terminals", "keys", "cards", "rigs", "hosts" })
        {
            var source = Path.Combine(FixturesFolder(), folder);
            foreach (var file in Directory.Exists(source) ? Directory.EnumerateFiles(source) : [])
            {
                tree.Write(Path.Combine(folder, Path.GetFileName(file)), File.ReadAllText(file));
            }
        }

        var campaign = CampaignLoader.Load(Path.Combine(tree.Path, "campaigns", "quickstart.yaml"));

        Assert.That(campaign.Rig, Is.EqualTo(SimulatedRig.DefaultDefinition));
        Assert.That(campaign.Experiments, Has.Count.EqualTo(2));
        Assert.That(campaign.Experiments, Has.All.Matches<ExperimentDefinition>(experiment => experiment.Kind == ExperimentKinds.HostResponseDelay));
        Assert.That(campaign.Experiments.Select(experiment => experiment.Terminal.Model), Is.EqualTo(new[] { "PAX S90", "Verifone VX520" }));
        Assert.That(campaign.Experiments, Has.All.Matches<ExperimentDefinition>(
            experiment => experiment.Range.From <= experiment.Terminal.ResponseTimeout.TotalSeconds
                && experiment.Terminal.ResponseTimeout.TotalSeconds <= experiment.Range.To));
        Assert.That(WallTimeEstimate.WorstCase(campaign, overheadPerTrial: TimeSpan.FromSeconds(1)), Is.LessThan(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void Wall_time_estimate_waits_at_most_the_response_timeout_per_trial()
    {
        var experiment = SampleData.Experiment() with { Settle = TimeSpan.FromSeconds(2) };

        // 11 trials at most (9 halvings + 2), each (60 s + 2 s) / 20 + 0.5 s.
        Assert.That(WallTimeEstimate.WorstCase(experiment, TimeSpan.FromSeconds(0.5)), Is.EqualTo(TimeSpan.FromSeconds(11 * 3.6)));
    }
}
