using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The dial-up terminal on the simulated rig: its modem dials over the phone line, which runs through the
/// rig's line relay to the answering modem read by the NAC. Each threshold is held against what the
/// profile predicts, and follows the profile when the profile changes.
/// </summary>
[NonParallelizable]
public sealed class DialUpFaultTests
{
    [TestCase("1s", 1.0)]
    [TestCase("2.2s", 2.2)]
    public async Task The_line_cut_threshold_is_the_modems_carrier_loss_tolerance(string tolerance, double seconds)
    {
        using var runner = new RigFaultRunner();
        var terminal = runner.Profile("ingenico-ict220-dialup", $"s10-{tolerance}", ("carrierLossTolerance:", $"carrierLossTolerance: {tolerance}"));

        var result = await runner.RunAsync(terminal, """
              - name: line-cut
                kind: phoneLineCut
                trigger:
                  on: hostReceivedRequest
                from: 0s
                to: 4s
                resolution: 0.05s
                settle: 2s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(seconds).Within(1e-9));
        Assert.That(run.Search.Threshold, Is.EqualTo(seconds).Within(0.1));
        Assert.That(run.Summary.Trigger, Is.EqualTo("hostReceivedRequest"));
        // Past the tolerance the call ends in NO CARRIER: a communication error, never an approval.
        Assert.That(run.Trials.Where(trial => trial.Result.Outcome == TrialOutcome.Timeout).Select(trial => trial.Result.TerminalResult),
            Has.All.EqualTo("CommunicationError"));
    }

    [Test]
    public async Task The_host_delay_threshold_is_the_response_timeout_less_the_wire_time_of_request_and_reply()
    {
        using var runner = new RigFaultRunner();
        var terminal = runner.Profile("ingenico-ict220-dialup", "short-timeout", ("responseTimeout:", "responseTimeout: 15s"));

        var result = await runner.RunAsync(terminal, """
              - name: host-delay
                kind: hostResponseDelay
                from: 0s
                to: 30s
                resolution: 0.125s
                settle: 2s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        var approved = run.Trials.First(trial => trial.Result.Outcome == TrialOutcome.Approved).Result;
        // The response timer starts before the 0200 leaves: both messages' 1200 bps wire time comes off it.
        var wireSeconds = (approved.RequestBytes!.Value + approved.ReplyBytes!.Value) * 10 / 1200.0;
        Assert.That(wireSeconds, Is.GreaterThan(1), "a sale's two messages take over a second at 1200 bps");
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(15 - wireSeconds).Within(1e-9));
        // Within half a second: the NAC's forwarding and the pty hops add a little, and a loaded machine more.
        Assert.That(run.Search.Threshold, Is.EqualTo(15 - wireSeconds).Within(0.5));
    }

    [Test]
    public async Task A_line_down_at_the_sale_is_survived_until_the_last_dial_attempt()
    {
        using var runner = new RigFaultRunner();
        var terminal = runner.Profile("ingenico-ict220-dialup", "one-retry", ("dialRetries:", "dialRetries: 1"));

        var result = await runner.RunAsync(terminal, """
              - name: line-down
                kind: phoneLineDownAtSale
                from: 0s
                to: 30s
                resolution: 0.25s
                settle: 1s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        // Two series (pre-dial, then after the card is read) of two attempts: 2 × (3 + 2 + 3) s, plus the AT dialogue.
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(16).Within(1e-9));
        Assert.That(run.Search.Threshold, Is.InRange(16.0, 17.0));
        Assert.That(run.Trials.Where(trial => trial.Result.Outcome == TrialOutcome.Timeout).Select(trial => trial.Result.TerminalResult),
            Has.All.EqualTo("CommunicationError"), "no dial tone on any attempt is a communication error");
    }
}
