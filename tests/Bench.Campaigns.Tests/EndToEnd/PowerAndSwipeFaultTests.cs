using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// Rig faults that need no special link, on an Ethernet terminal: a late swipe (the card-read timer
/// decides) and a terminal power cut after the host has the 0200 (the next sale carries the reversal).
/// Every effect goes through the rig's pins: the solenoid's and the power relay's.
/// </summary>
[NonParallelizable]
public sealed class PowerAndSwipeFaultTests
{
    [TestCase(10.0)]
    [TestCase(20.0)]
    public async Task The_late_swipe_threshold_follows_the_profiles_card_read_timeout(double cardReadSeconds)
    {
        using var runner = new RigFaultRunner();
        // At 10x rather than the shipped 20x: each millisecond the test machine's scheduler adds to the
        // pty, the solenoid pulse and the card reader costs 10 ms of terminal time rather than 20.
        var terminal = runner.Profile("verifone-vx520-ethernet", $"card-read-{cardReadSeconds}",
            ("cardReadTimeout:", $"cardReadTimeout: {cardReadSeconds}s"), ("simulationTimeScale:", "simulationTimeScale: 10"));

        var result = await runner.RunAsync(terminal, """
              - name: late-swipe
                kind: lateSwipe
                from: 0s
                to: 40s
                resolution: 0.25s
                settle: 500ms
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        // The reader has the card when the 150 ms stroke ends: the prediction is the timeout less the dwell.
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(cardReadSeconds - 0.15).Within(1e-9));
        Assert.That(run.Search.Threshold, Is.EqualTo(cardReadSeconds).Within(0.5));
        Assert.That(run.Trials.Where(trial => trial.Result.Outcome == TrialOutcome.Timeout).Select(trial => trial.Result.TerminalResult),
            Has.All.EqualTo("NoCard"), "past the card-read timeout the terminal shows NO CARD, which counts as its timeout");
    }

    [Test]
    public async Task A_power_cut_before_the_result_loses_the_sale_and_the_next_sale_carries_its_reversal()
    {
        using var runner = new RigFaultRunner();

        var result = await runner.RunAsync(RigFaultRunner.Shipped("verifone-vx520-ethernet"), """
              - name: power-cut
                kind: terminalPowerCut
                from: 0s
                to: 2s
                resolution: 0.1s
                settle: 2s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        Assert.That(run.Summary.FirstTimeout, Is.GreaterThan(run.Summary.LastApproved!.Value), "the bracket lies in parameter order");
        var trials = run.Trials.Select(trial => trial.Result).ToList();
        var lost = trials.Where(trial => trial.TerminalResult == "PowerLost").ToList();
        Assert.That(lost, Is.Not.Empty, "a cut at the trigger itself loses the result");
        Assert.That(trials.Where(trial => trial.Outcome == TrialOutcome.Approved), Is.Not.Empty);
        foreach (var index in Enumerable.Range(0, trials.Count - 1).Where(index => trials[index].TerminalResult == "PowerLost"))
        {
            // The host had approved and debited; the terminal persisted its reversal before sending and sends it first thing.
            Assert.That(trials[index].Stan, Is.Not.Null);
            Assert.That(trials[index + 1].ReversalsSent, Does.Contain(trials[index].Stan), $"trial {index + 2} reverses trial {index + 1}'s sale");
        }
    }

    [Test]
    public async Task A_link_latency_from_the_sale_start_times_the_sale_out_at_a_quarter_of_the_response_timeout()
    {
        using var runner = new RigFaultRunner();

        // At 10x: every byte of the sale crosses the emulator's timers twice, and on a loaded machine each
        // late timer costs ten times its wall time in terminal time.
        var terminal = runner.Profile("verifone-vx520-ethernet", "latency-10x", ("simulationTimeScale:", "simulationTimeScale: 10"));

        var result = await runner.RunAsync(terminal, """
              - name: latency
                kind: linkLatency
                from: 0s
                to: 30s
                resolution: 0.1s
                settle: 500ms
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(7.5).Within(1e-9));
        Assert.That(run.Search.Threshold, Is.EqualTo(7.5).Within(0.5));
        Assert.That(run.Summary.Trigger, Is.EqualTo("ecrSaleSent"));
    }
}
