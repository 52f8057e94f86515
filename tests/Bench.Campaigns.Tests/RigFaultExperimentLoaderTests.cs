using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Summary;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>The rig-fault experiment kinds, their triggers and the link-specific profile keys, as campaign files state them.</summary>
public sealed class RigFaultExperimentLoaderTests
{
    private const string DialUpTerminal = """
        model: Dial Up
        link: pstn
        responseTimeout: 40s
        connectTimeout: 30s
        cardReadTimeout: 30s
        reversalResendCount: 2
        simulationTimeScale: 10
        terminalId: "30000003"
        merchantId: "898100012340003"
        pstn:
          baudRate: 2400
          carrierLossTolerance: 2s
          dialRetries: 3
        """;

    private const string CellularTerminal = """
        model: Cellular
        link: cellular
        responseTimeout: 30s
        connectTimeout: 20s
        cardReadTimeout: 30s
        reversalResendCount: 2
        simulationTimeScale: 20
        terminalId: "40000004"
        merchantId: "898100012340004"
        cellular:
          attachTime: 7s
          baseRsrp: -90
        """;

    private static TemporaryDirectory Tree()
    {
        var tree = FixtureTexts.FixtureTree();
        tree.Write("terminals/dialup.yaml", DialUpTerminal);
        tree.Write("terminals/cellular.yaml", CellularTerminal);
        return tree;
    }

    private static string Campaign(string experiments) =>
        FixtureTexts.Campaign[..FixtureTexts.Campaign.IndexOf("experiments:", StringComparison.Ordinal)] + "experiments:\n" + experiments;

    [Test]
    public void Loads_link_settings_from_the_profiles()
    {
        using var tree = Tree();
        var dialUp = TerminalProfileLoader.Load(Path.Combine(tree.Path, "terminals/dialup.yaml"));
        var cellular = TerminalProfileLoader.Load(Path.Combine(tree.Path, "terminals/cellular.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(dialUp.Link, Is.EqualTo(LinkKind.Pstn));
            Assert.That(dialUp.Pstn.BaudRate, Is.EqualTo(2400));
            Assert.That(dialUp.Pstn.CarrierLossTolerance, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(dialUp.Pstn.DialRetries, Is.EqualTo(3));
            Assert.That(dialUp.Pstn.PhoneNumber, Is.EqualTo(new PstnSettings().PhoneNumber));
            Assert.That(cellular.Cellular.AttachTime, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(cellular.Cellular.BaseRsrpDbm, Is.EqualTo(-90));
        });
    }

    [Test]
    public void A_profile_with_settings_for_another_link_is_refused()
    {
        using var tree = Tree();
        var file = tree.Write("terminals/bad.yaml", DialUpTerminal.Replace("link: pstn", "link: ethernet", StringComparison.Ordinal));
        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 10, 1, "pstn",
            "only a terminal with link: pstn has a dial-up modem (this one has link: ethernet)");
    }

    [Test]
    public void A_gprs_link_is_refused_with_a_hint()
    {
        using var tree = Tree();
        var file = tree.Write("terminals/bad.yaml", CellularTerminal.Replace("link: cellular", "link: gprs", StringComparison.Ordinal)
            .Replace("cellular:\n  attachTime: 7s\n  baseRsrp: -90", "", StringComparison.Ordinal));
        var error = Assert.Throws<CampaignFileException>(() => TerminalProfileLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain("link: must be one of ethernet, pstn, cellular (got 'gprs') (a GPRS/4G terminal is 'cellular')"));
    }

    [Test]
    public void Loads_a_trigger_and_the_kind_defaults()
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/faults.yaml", Campaign("""
              - name: cut
                kind: phoneLineCut
                terminal: ../terminals/dialup.yaml
                trigger:
                  on: hostSentReply
                  after: 300ms
                from: 0s
                to: 5s
                resolution: 0.05s
              - name: sim
                kind: simPowerOff
                terminal: ../terminals/cellular.yaml
                from: 0s
                to: 40s
                resolution: 0.25s
              - name: rf
                kind: rfAttenuation
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 31
                resolution: 1
                maxTrials: 30
            """));

        var campaign = CampaignLoader.Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(campaign.Experiments[0].Trigger, Is.EqualTo(new InjectionTrigger(TrialEventKinds.HostSentReply, TimeSpan.FromMilliseconds(300))));
            Assert.That(campaign.Experiments[1].Trigger, Is.EqualTo(InjectionTrigger.On(TrialEventKinds.CardSwiped)));
            Assert.That(campaign.Experiments[2].SearchMethod, Is.EqualTo(SearchMethod.Staircase));
            Assert.That(campaign.Experiments[2].MaximumTrials, Is.EqualTo(30));
            Assert.That(campaign.Experiments[0].SearchMethod, Is.EqualTo(SearchMethod.Bisection));
        });
    }

    [Test]
    public void Loads_the_search_keys()
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/searches.yaml", Campaign("""
              - name: cut
                kind: phoneLineCut
                terminal: ../terminals/dialup.yaml
                from: 0s
                to: 5s
                resolution: 0.05s
              - name: cut-frugal
                kind: phoneLineCut
                terminal: ../terminals/dialup.yaml
                from: 0s
                to: 5s
                resolution: 0.05s
                search: frugal
                confirmationTrials: 0
              - name: quota
                kind: simDataQuota
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 2000
                resolution: 10
              - name: rf
                kind: rfAttenuation
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 31
                resolution: 1
                search: psychometric
                intervalWidth: 3
            """));

        var experiments = CampaignLoader.Load(file).Experiments;

        Assert.Multiple(() =>
        {
            Assert.That(experiments[0].SearchMethod, Is.EqualTo(SearchMethod.Bisection));
            Assert.That(experiments[1].SearchMethod, Is.EqualTo(SearchMethod.Frugal));
            Assert.That(experiments[1].ConfirmationTrials, Is.Zero);
            Assert.That(experiments[2].SearchMethod, Is.EqualTo(SearchMethod.Bisection));
            Assert.That(experiments[3].SearchMethod, Is.EqualTo(SearchMethod.Psychometric));
            Assert.That(experiments[3].IntervalWidth, Is.EqualTo(3));
            Assert.That(experiments[3].EffectiveIntervalWidth, Is.EqualTo(3));
        });
    }

    [TestCase("search: frugal", "experiments[0].search", "frugal search is not supported for rfAttenuation (supported: staircase, psychometric)")]
    [TestCase("intervalWidth: 40", "experiments[0].intervalWidth", "only a psychometric search stops at an interval width, and this experiment's search is staircase")]
    [TestCase("search: psychometric\n    intervalWidth: 40", "experiments[0].intervalWidth", "must be > 0 and at most the range width 31 dB (got 40)")]
    [TestCase("confirmationTrials: 1", "experiments[0].confirmationTrials", "only a frugal search confirms its bracket, and this experiment's search is staircase")]
    public void Refuses_a_search_key_that_does_not_fit(string line, string keyPath, string problem)
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/bad.yaml", Campaign("""
              - name: rf
                kind: rfAttenuation
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 31
                resolution: 1

            """ + "    " + line));
        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain(keyPath + ": " + problem));
    }

    [TestCase("phoneLineCut", "../terminals/cellular.yaml", "kind", "phoneLineCut needs a terminal with link: pstn, but Cellular (cellular.yaml) has link: cellular")]
    [TestCase("simDataQuota", "../terminals/test.yaml", "kind", "simDataQuota needs a terminal with link: cellular, but Test Terminal (test.yaml) has link: ethernet")]
    public void A_kind_on_the_wrong_link_is_refused(string kind, string terminal, string key, string problem)
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/faults.yaml", Campaign($"""
              - name: wrong
                kind: {kind}
                terminal: {terminal}
                from: 0
                to: 5
                resolution: 1
            """));
        FixtureErrorAssert.Throws(() => CampaignLoader.Load(file), file, 7, 5, $"experiments[0].{key}", problem);
    }

    [Test]
    public void A_servo_swiper_serves_the_swipe_kinds_and_a_rig_without_any_swiper_is_refused()
    {
        using var tree = Tree();
        var experiment = """
              - name: late
                kind: lateSwipe
                from: 0s
                to: 60s
                resolution: 0.25s
            """;
        // The shipped simulated I2C rig swipes with a servo on its PCA9685 and has no solenoid.
        var servoRig = RepositoryFiles.Fixture("rigs/simulated-i2c.yaml");
        var servo = CampaignLoader.Load(tree.Write("campaigns/servo.yaml",
            Campaign(experiment).Replace("rig: ../rigs/simulated.yaml", "rig: " + servoRig, StringComparison.Ordinal)));
        var swipeStart = FixtureTexts.Rig.IndexOf("swipe:", StringComparison.Ordinal);
        var swipeEnd = FixtureTexts.Rig.IndexOf("terminalPower:", StringComparison.Ordinal);
        tree.Write("rigs/no-swiper.yaml", FixtureTexts.Rig.Remove(swipeStart, swipeEnd - swipeStart));
        var file = tree.Write("campaigns/no-swiper.yaml",
            Campaign(experiment).Replace("rig: ../rigs/simulated.yaml", "rig: ../rigs/no-swiper.yaml", StringComparison.Ordinal));

        Assert.That(servo.Rig.Swiper, Is.EqualTo(SwiperKind.Servo));
        Assert.That(servo.Rig.Swipe, Is.Null);
        var prediction = ThresholdPredictor.PredictBeforeRun(servo.Experiments.Single(), servo.Rig)!;
        Assert.That(prediction.Value, Is.EqualTo(servo.Experiments.Single().Terminal.CardReadTimeout.TotalSeconds - servo.Rig.Servo!.StrokeTime.TotalSeconds).Within(1e-9));
        Assert.That(prediction.Basis, Does.Contain("servo stroke"));
        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain("experiments[0].kind: lateSwipe needs the rig's swiper, and rig 'test-rig' has none"));
    }

    [Test]
    public void An_unknown_trigger_event_is_refused_with_the_closest_one()
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/faults.yaml", Campaign("""
              - name: cut
                kind: phoneLineCut
                terminal: ../terminals/dialup.yaml
                trigger:
                  on: hostRecievedRequest
                from: 0s
                to: 5s
                resolution: 0.05s
            """));
        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain(":10:7: experiments[0].trigger.on: unknown event 'hostRecievedRequest' (did you mean 'hostReceivedRequest'?)"));
    }

    [Test]
    public void A_fixed_trigger_cannot_be_moved()
    {
        using var tree = Tree();
        var file = tree.Write("campaigns/faults.yaml", Campaign("""
              - name: late
                kind: lateSwipe
                trigger:
                  on: hostReceivedRequest
                from: 0s
                to: 60s
                resolution: 0.25s
            """));
        var error = Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(file))!;
        Assert.That(error.Message, Does.Contain("experiments[0].trigger: lateSwipe always strikes on cardPrompted: leave the trigger out"));
    }

    [Test]
    public void An_attenuation_beyond_the_attenuator_or_off_its_steps_is_refused()
    {
        using var tree = Tree();
        // The test rig's attenuator has 5 bits of 1 dB: 31 dB at most.
        var beyond = tree.Write("campaigns/beyond.yaml", Campaign("""
              - name: rf
                kind: rfAttenuation
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 40
                resolution: 1
            """));
        var offStep = tree.Write("campaigns/off.yaml", Campaign("""
              - name: rf
                kind: rfAttenuation
                terminal: ../terminals/cellular.yaml
                from: 0
                to: 31
                resolution: 0.5
            """));
        Assert.That(Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(beyond))!.Message,
            Does.Contain("experiments[0].to: the rig's attenuator reaches 31 dB at most (got 40)"));
        Assert.That(Assert.Throws<CampaignFileException>(() => CampaignLoader.Load(offStep))!.Message,
            Does.Contain("experiments[0].resolution: must be a multiple of the attenuator's 1 dB step (got 0.5)"));
    }

    [Test]
    public void The_shipped_rig_fault_campaign_loads()
    {
        var rigFaults = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/rig-faults.yaml"));
        var linkFaults = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/link-faults.yaml"));
        var linkKinds = new[] { ExperimentKinds.LinkLatency.Name, ExperimentKinds.LinkBandwidth.Name };
        var hostKinds = new[] { ExperimentKinds.HostResponseDelay.Name, ExperimentKinds.HostBackgroundLoad.Name };
        var swipeFaults = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/swipe-faults.yaml"));
        var servoKinds = ExperimentKinds.All.Where(kind => kind.RequiredSwiper is not null).Select(kind => kind.Name).ToList();
        // Every physical injection is in the rig-fault campaign but those that need the servo swiper, which are in the
        // swipe-fault campaign on the I2C rig; the host and host-link faults have their own.
        Assert.That(rigFaults.Experiments.Select(experiment => experiment.Kind.Name), Is.SupersetOf(
            ExperimentKinds.All.Select(kind => kind.Name).Where(name => !hostKinds.Contains(name) && !linkKinds.Contains(name) && !servoKinds.Contains(name))));
        Assert.That(servoKinds, Is.EqualTo(new[] { ExperimentKinds.SlowSwipe.Name }));
        Assert.That(swipeFaults.Rig.Name, Is.EqualTo("simulated-i2c"));
        Assert.That(swipeFaults.Experiments.Select(experiment => experiment.Kind), Is.EqualTo(new[] { ExperimentKinds.SlowSwipe, ExperimentKinds.LateSwipe }));
        Assert.That(CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/peak-hour.yaml")).Experiments.Single().Kind,
            Is.SameAs(ExperimentKinds.HostBackgroundLoad));
        Assert.That(linkFaults.Experiments.Select(experiment => experiment.Kind.Name), Is.EquivalentTo(linkKinds));
    }
}
