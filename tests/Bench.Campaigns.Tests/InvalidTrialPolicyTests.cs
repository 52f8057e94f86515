using Bench.Campaigns.Search;

namespace Bench.Campaigns.Tests;

/// <summary>Trials that are no data point (firmware fault, watchdog, rig fault) are excluded, repeated, and abort the search at the limit.</summary>
public sealed class InvalidTrialPolicyTests
{
    private static Func<double, CancellationToken, Task<TrialObservation>> Terminal(double threshold, Func<double, int, TrialObservation?> interfere)
    {
        var calls = new Dictionary<double, int>();
        return (parameter, _) =>
        {
            calls[parameter] = calls.GetValueOrDefault(parameter) + 1;
            var outcome = parameter < threshold ? TrialOutcome.Approved : TrialOutcome.Timeout;
            return Task.FromResult(interfere(parameter, calls[parameter]) ?? new TrialObservation(outcome));
        };
    }

    [Test]
    public async Task A_firmware_fault_is_excluded_with_its_reason_and_the_point_repeated()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync(Terminal(45, (parameter, call) =>
            parameter == 60 && call == 1 ? new TrialObservation(TrialOutcome.Invalid, "firmware fault: flash I/O error") : null));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(result.Threshold, Is.EqualTo(45).Within(0.25));
            Assert.That(result.RigFaults, Is.EqualTo(1));
            Assert.That(result.TrialsUsed, Is.EqualTo(9));
            Assert.That(result.Trials[0], Is.EqualTo(new SearchTrial(1, 60, TrialOutcome.Invalid) { Reason = "firmware fault: flash I/O error" }));
            Assert.That(result.Trials[1], Is.EqualTo(new SearchTrial(2, 60, TrialOutcome.Timeout)));
        });
    }

    [Test]
    public async Task Invalid_trials_up_to_the_configured_limit_are_repeated_and_the_limit_aborts_naming_the_reasons()
    {
        var search = new BisectionSearch(0, 120, 0.25, invalidTrialLimit: 3);

        var recovered = await search.RunAsync(Terminal(45, (parameter, call) =>
            parameter == 60 && call <= 2 ? new TrialObservation(TrialOutcome.Invalid, "watchdog") : null));
        var aborted = await search.RunAsync(Terminal(45, (parameter, _) =>
            parameter == 60 ? new TrialObservation(TrialOutcome.Invalid, "firmware fault: flash I/O error") : null));

        Assert.Multiple(() =>
        {
            Assert.That(recovered.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(recovered.RigFaults, Is.EqualTo(2));
            Assert.That(aborted.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
            Assert.That(aborted.AbortedByInvalidTrials, Is.True);
            Assert.That(aborted.Trials, Has.Count.EqualTo(3));
            Assert.That(aborted.TrialsUsed, Is.Zero, "no invalid trial is a data point");
            Assert.That(aborted.Explanation, Does.Contain("invalid trial 3 times in a row at 60").And.Contain("firmware fault: flash I/O error"));
        });
    }

    [Test]
    public async Task Rig_faults_and_invalid_trials_count_together_towards_the_limit()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync(Terminal(45, (parameter, call) => parameter != 60 ? null
            : call == 1 ? new TrialObservation(TrialOutcome.RigFault, "relay read-back") : new TrialObservation(TrialOutcome.Invalid, "watchdog")));

        Assert.Multiple(() =>
        {
            Assert.That(result.AbortedByInvalidTrials, Is.True);
            Assert.That(result.Explanation, Does.Contain("invalid trial twice in a row at 60 (relay read-back; watchdog)"));
        });
    }

    [Test]
    public async Task A_decline_abort_is_not_an_invalid_trial_abort()
    {
        var result = await new BisectionSearch(0, 120, 0.25).RunAsync((_, _) => Task.FromResult(TrialOutcome.Declined));

        Assert.That(result.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
        Assert.That(result.AbortedByInvalidTrials, Is.False);
    }

    [TestCase(0)]
    [TestCase(21)]
    public void A_limit_outside_1_to_20_is_refused(int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BisectionSearch(0, 120, 0.25, limit));
}
