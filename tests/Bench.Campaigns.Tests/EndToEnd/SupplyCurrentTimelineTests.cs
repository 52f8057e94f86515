using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// A cellular terminal on the shipped I2C rig, its power cut after the host has its sale: each trial's stored
/// timeline holds the INA219's readings of the terminal's supply, idle before the sale, the modem's transmit
/// burst as the 0200 goes out, nothing while the power is cut (the relay's read-back among them), and the
/// terminal drawing again once it is restored.
/// </summary>
[NonParallelizable]
public sealed class SupplyCurrentTimelineTests
{
    // At 2x, not the shipped 20x, and sampling every 10 ms of terminal time: the 0200's burst on air (about 50 ms,
    // 25 ms of wall time) spans several samples even when the machine's timers run some milliseconds late.
    private const double TimeScale = 2;
    private const double IdleMilliamperes = 150;
    private const double TransmittingMilliamperes = 500;

    [Test]
    public async Task Each_trials_timeline_shows_idle_the_0200s_transmit_burst_and_the_power_cut()
    {
        using var tree = new TemporaryDirectory();
        // The I2C rig as shipped: its servo swipes every trial's card, its INA219 measures the supply.
        var rig = tree.Write("rigs/supply.yaml", FixtureTexts.ReplaceLine(
            File.ReadAllText(RepositoryFiles.Fixture("rigs/simulated-i2c.yaml")), "sampleInterval:", "sampleInterval: 10ms"));
        var profile = File.ReadAllText(RepositoryFiles.Fixture("terminals/pax-a920-4g.yaml"))
            .Replace("masterKeyFile: ../keys/", $"masterKeyFile: {RepositoryFiles.Fixture("keys")}/", StringComparison.Ordinal);
        profile = FixtureTexts.ReplaceLine(profile, "simulationTimeScale:", $"simulationTimeScale: {TimeScale}");
        var terminal = tree.Write("terminals/pax-a920-4g.yaml", FixtureTexts.ReplaceLine(profile, "attachTime:", "attachTime: 2s"));
        var campaign = CampaignLoader.Load(tree.Write("campaigns/supply.yaml", $"""
            name: supply-current
            rig: {rig}
            terminal: {terminal}
            card: {RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")}
            experiments:
              - name: power-cut
                kind: terminalPowerCut
                from: 0.5s
                to: 1s
                resolution: 0.5s
                settle: 1s
            """));
        var output = Path.Combine(tree.Path, "out");
        Directory.CreateDirectory(output);
        using var store = ResultsStore.Open(Path.Combine(output, "results.db"));
        var runId = store.CreateRun(campaign.Name);

        var result = await SimulatedCampaign.RunAsync(campaign, HostRuleSet.ApproveAll, new ResultsRun(store, runId), output);

        // Cut after the terminal had its reply: every trial approved, each with its 0200's burst whole before the cut.
        var run = result.Experiments.Single();
        Assert.That(run.Trials.Select(trial => trial.Result.Outcome), Is.Not.Empty.And.All.EqualTo(TrialOutcome.Approved), run.Search.Explanation);
        var trials = store.ReadTrials(runId);
        var events = store.ReadEvents(runId);
        var frames = store.ReadFrames(runId);
        Assert.That(trials, Is.Not.Empty);
        foreach (var trial in trials)
        {
            var within = events.Where(stored => stored.TimestampNanoseconds >= trial.StartedNanoseconds && stored.TimestampNanoseconds <= trial.EndedNanoseconds).ToList();
            var supply = within.Where(stored => stored.Kind == StationEventKinds.SupplyCurrent)
                .Select(stored => (Time: stored.TimestampNanoseconds, Milliamperes: MilliamperesOf(stored.Detail), ReadBack: stored.Detail.EndsWith(SupplyCurrentTrace.ReadBackSuffix, StringComparison.Ordinal)))
                .ToList();
            var received = frames.Where(frame => frame.Direction == FrameDirection.Received
                && frame.TimestampNanoseconds >= trial.StartedNanoseconds && frame.TimestampNanoseconds <= trial.EndedNanoseconds).ToList();
            var cut = within.Single(stored => stored.Kind == StationEventKinds.InjectionApplied).TimestampNanoseconds;
            var restored = within.Single(stored => stored.Kind == StationEventKinds.InjectionReleased).TimestampNanoseconds;
            // The trial's sale (after a power-cut trial a flush sale comes first, with the reversal), and the first frame
            // once sampling began (a trial that opens the station holds the terminal's sign-on too).
            var sale = received.Where(frame => frame.Mti == "0200" && frame.TimestampNanoseconds < cut).Max(frame => frame.TimestampNanoseconds);
            var sampling = supply.Min(sample => sample.Time);
            var firstFrame = received.Where(frame => frame.TimestampNanoseconds > sampling).Min(frame => frame.TimestampNanoseconds);
            var offReadBack = supply.Where(sample => sample.ReadBack && sample.Time > sale && sample.Time <= cut).ToList();
            var onReadBack = supply.Where(sample => sample.ReadBack && sample.Time > cut && sample.Time <= restored).ToList();
            // A fifth of a second of terminal time on the bench's wall clock: the burst lies within it of the host's receipt.
            var nearSale = (long)(0.2e9 / TimeScale);
            // The injection holds the power off for the experiment's settle time (1 s of terminal time) after it applied
            // the cut, less a system timer's slack.
            var relayClosed = cut + (long)(1e9 / TimeScale) - 5_000_000;
            var what = $"trial {trial.TrialIndex} at {trial.ParameterValue} s, sale at {(sale - trial.StartedNanoseconds) / 1e6:0} ms: " +
                string.Join(", ", supply.Select(sample => $"{(sample.Time - trial.StartedNanoseconds) / 1e6:0} ms {sample.Milliamperes} mA"));

            Assert.Multiple(() =>
            {
                Assert.That(within.Where(stored => stored.Kind == StationEventKinds.Swipe).Select(stored => stored.Detail),
                    Has.Some.StartsWith("servo stroke"), "the servo swiped the card, unattended: " + what);
                // Before the first frame the terminal idles, or its module is still attaching after the previous trial's
                // power cut (attach transmits): idle or transmitting, nothing else, and idle at some point.
                var beforeSale = supply.Where(sample => sample.Time < firstFrame - nearSale).Select(sample => sample.Milliamperes).ToList();
                Assert.That(beforeSale, Has.Some.EqualTo(IdleMilliamperes).Within(1), "idle before the sale: " + what);
                Assert.That(beforeSale, Has.All.EqualTo(IdleMilliamperes).Within(1).Or.EqualTo(TransmittingMilliamperes).Within(1), "idle or attaching before the sale: " + what);
                Assert.That(supply.Where(sample => Math.Abs(sample.Time - sale) <= nearSale && sample.Time < cut).Select(sample => sample.Milliamperes),
                    Has.Some.EqualTo(TransmittingMilliamperes).Within(1), "the 0200's transmit burst: " + what);
                Assert.That(offReadBack.Select(sample => sample.Milliamperes), Is.EqualTo(new[] { 0.0 }), "the power relay's read-back, off: " + what);
                Assert.That(supply.Where(sample => sample.Time >= offReadBack.FirstOrDefault().Time && sample.Time < relayClosed).Select(sample => sample.Milliamperes),
                    Is.Not.Empty.And.All.LessThan(1), "nothing while the power is cut: " + what);
                Assert.That(onReadBack.Select(sample => sample.Milliamperes), Has.Exactly(1).GreaterThanOrEqualTo(IdleMilliamperes - 1),
                    "the power relay's read-back, on: " + what);
                Assert.That(supply.Where(sample => sample.Time > restored).Select(sample => sample.Milliamperes),
                    Has.Some.GreaterThanOrEqualTo(IdleMilliamperes - 1), "drawing again once restored: " + what);
            });
        }
    }

    private static double MilliamperesOf(string detail) =>
        double.Parse(detail[..detail.IndexOf(" mA", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
}
