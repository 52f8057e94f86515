using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// A slow swipe on the simulated I2C rig: the servo's stroke goes out as PCA9685 register writes, the wiring
/// harness times the card's passage through the reader window from them, and the simulated terminal's reader
/// decodes it only up to the profile's <c>cardReader.slowestSwipe</c>. The card's speed reaches the terminal by
/// no other way.
/// </summary>
[NonParallelizable]
public sealed class SlowSwipeTests
{
    // The card is in the reader from 0.3 to 0.7 of the stroke: it crosses the head in 0.4 of the stroke time.
    private const double ReaderWindowShare = 0.4;

    [TestCase(0.6)]
    [TestCase(1.2)]
    public async Task The_slow_swipe_threshold_follows_the_profiles_slowest_swipe(double slowestSeconds)
    {
        using var runner = new RigFaultRunner();
        // At 5x rather than the shipped 20x: a servo step is 20 ms of terminal time, and each millisecond the scheduler adds
        // to a register write costs 5 ms of it rather than 20. A 10 s card-read timer keeps the timeouts short.
        var terminal = runner.Profile("verifone-vx520-ethernet", $"slowest-{slowestSeconds}",
            ("slowestSwipe:", $"slowestSwipe: {slowestSeconds}s"), ("cardReadTimeout:", "cardReadTimeout: 10s"),
            ("simulationTimeScale:", "simulationTimeScale: 5"));

        var result = await runner.RunAsync(terminal, """
              - name: slow-swipe
                kind: slowSwipe
                from: 0.3s
                to: 6s
                resolution: 0.05s
                settle: 500ms
            """, rig: "simulated-i2c.yaml");

        var run = result.Experiments.Single();
        var predicted = slowestSeconds / ReaderWindowShare;
        TestContext.Out.WriteLine($"slowest swipe {slowestSeconds} s: threshold {run.Search.Threshold} s, predicted {predicted} s, {run.Trials.Count} trials");
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(predicted).Within(1e-9));
        Assert.That(run.Summary.Prediction.Basis, Does.Contain("reader window"));
        // Half a servo step of quantization at each window edge, and the scheduler's jitter at 5x.
        Assert.That(run.Search.Threshold, Is.EqualTo(predicted).Within(0.3));
        var trials = run.Trials.Select(trial => trial.Result).ToList();
        Assert.That(trials.Where(trial => trial.Outcome == TrialOutcome.Approved), Is.Not.Empty);
        // Had the station's normal swipe followed the slow one, the reader would have decoded it and every trial approved.
        Assert.That(trials.Where(trial => trial.Outcome == TrialOutcome.Timeout).Select(trial => trial.TerminalResult),
            Is.Not.Empty.And.All.EqualTo("NoCard"), "a swipe too slow to decode leaves the terminal waiting until its card-read timer ends the sale");
    }
}
