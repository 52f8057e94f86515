using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The 4G terminal on the simulated rig: its module registers only with SIM power (the SIM relay) and
/// loses packets as the attenuator weakens the signal; the carrier can be out of data balance.
/// </summary>
[NonParallelizable]
public sealed class CellularFaultTests
{
    [Test]
    public async Task The_sim_power_threshold_is_the_connect_timeout_less_the_attach_time()
    {
        using var runner = new RigFaultRunner();
        // At 10×, not the shipped 20×: a loaded machine's scheduler delay of 300 ms is 6 s of terminal time at 20×.
        var terminal = runner.Profile("pax-a920-4g", "attach-3s", ("attachTime:", "attachTime: 3s"), ("connectTimeout:", "connectTimeout: 12s"),
            ("simulationTimeScale:", "simulationTimeScale: 10"));

        // Cut from the card prompt, before the card is read: the terminal starts connecting at the read, a solenoid stroke
        // later. Cut on cardSwiped instead, the bench's relay races the terminal's whole exchange (tens of milliseconds of
        // terminal time), and on a loaded machine the exchange sometimes wins.
        var result = await runner.RunAsync(terminal, """
              - name: sim-off
                kind: simPowerOff
                trigger:
                  on: cardPrompted
                from: 0s
                to: 30s
                resolution: 0.25s
                settle: 1s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        // connect timeout 12 s − attach 3 s, plus the time from the prompt to the card read (the solenoid's 150 ms stroke
        // and the bench's reaction): 9 s to 9.75 s.
        Assert.That(run.Search.Threshold, Is.InRange(9 - 0.25, 9.75), run.Search.Explanation);
    }

    [Test]
    public async Task The_data_quota_threshold_is_the_bytes_one_sale_puts_on_the_air()
    {
        using var runner = new RigFaultRunner();

        var result = await runner.RunAsync(RigFaultRunner.Shipped("pax-a920-4g"), """
              - name: quota
                kind: simDataQuota
                from: 0
                to: 1000
                resolution: 1
                settle: 1s
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        var approved = run.Trials.First(trial => trial.Result.Outcome == TrialOutcome.Approved).Result;
        var saleBytes = approved.RequestBytes!.Value + approved.ReplyBytes!.Value;
        Assert.That(run.Summary.Prediction!.Value, Is.EqualTo(saleBytes));
        // Approved with the sale's bytes, lost with one byte fewer.
        Assert.That(run.Search.LastApproved, Is.GreaterThan(saleBytes - 1).And.LessThan(saleBytes));
        Assert.That(run.Search.FirstTimeout, Is.GreaterThanOrEqualTo(saleBytes).And.LessThan(saleBytes + 1));
    }

    [Test]
    public async Task The_rf_50_percent_point_lies_between_poor_signal_and_no_link()
    {
        using var runner = new RigFaultRunner();
        // A base of -90 dBm puts RSRP -100 at 10 dB and the attenuator's 31.5 dB at -121.5 dBm, past -120 (no link): the
        // staircase's first trials at the upper bound time out for certain. With the shipped -85 dBm the bound is
        // -116.5 dBm, where TCP's retransmissions still get a sale through now and then, and three in a row end the search.
        var terminal = runner.Profile("pax-a920-4g", "rf-base-90", ("baseRsrp:", "baseRsrp: -90"));
        var result = await runner.RunAsync(terminal, """
              - name: rf
                kind: rfAttenuation
                search: staircase
                from: 0
                to: 31.5
                resolution: 0.5
                maxTrials: 30
                settle: 500ms
            """);

        var run = result.Experiments.Single();
        Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Search.Explanation);
        Assert.That(run.Summary.Probabilistic, Is.True);
        Assert.That(run.Summary.Prediction!.Low, Is.EqualTo(10));
        Assert.That(run.Summary.Prediction.High, Is.EqualTo(30));
        Assert.That(run.Search.Threshold, Is.InRange(10.0, 30.0));
        Assert.That(run.Summary.TrialsPerLevel.Sum(level => level.Trials), Is.EqualTo(run.Search.TrialsUsed));
        Assert.That(run.Summary.IntervalLow, Is.LessThanOrEqualTo(run.Search.Threshold!.Value));
        Assert.That(run.Summary.IntervalHigh, Is.GreaterThanOrEqualTo(run.Search.Threshold!.Value));
    }
}
