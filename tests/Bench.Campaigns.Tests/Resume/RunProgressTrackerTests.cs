using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Cli.Display;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Campaigns.Tests.Resume;

/// <summary>The operator's console: trial n of at most m, and rig time left from the real trials' mean and the searches' bounds.</summary>
public sealed class RunProgressTrackerTests
{
    [Test]
    public void Remaining_rig_time_is_the_real_trials_mean_times_the_trials_the_searches_may_still_spend()
    {
        var clock = new FakeTimeProvider();
        // 0..120 s at 0.25 s: 9 halvings, at most 11 trials each.
        var first = SampleData.Experiment("first");
        var second = SampleData.Experiment("second");
        var tracker = new RunProgressTracker([first, second], clock);
        var reports = new List<RunProgressSnapshot>();
        tracker.Reported += (_, snapshot) => reports.Add(snapshot);

        tracker.Report(new TrialProgress(first, 1, 60, null));
        var beforeAnyEnded = tracker.Snapshot();
        clock.Advance(TimeSpan.FromSeconds(10));
        tracker.Report(new TrialProgress(first, 1, 60, Result(TrialOutcome.Approved)));
        tracker.Report(new TrialProgress(first, 2, 90, null));
        clock.Advance(TimeSpan.FromSeconds(4));
        var running = tracker.Snapshot();
        tracker.Report(new TrialProgress(first, 2, 90, Result(TrialOutcome.RigFault)));
        // A replayed trial takes no rig time and does not pull the mean down.
        tracker.Report(new TrialProgress(first, 3, 90, null));
        tracker.Report(new TrialProgress(first, 3, 90, Result(TrialOutcome.Timeout) with { Replayed = true }));
        var afterReplay = tracker.Snapshot();

        Assert.Multiple(() =>
        {
            Assert.That(beforeAnyEnded.RemainingAtMost, Is.Null, "no real trial yet: no estimate");
            Assert.That(beforeAnyEnded.TrialBound, Is.EqualTo(11));
            Assert.That((running.ExperimentNumber, running.ExperimentCount, running.Running?.TrialNumber), Is.EqualTo((1, 2, 2)));
            // 10 s per trial; 10 trials left in the first, 11 in the second, 4 s of the running one spent.
            Assert.That(running.RemainingAtMost, Is.EqualTo(TimeSpan.FromSeconds((21 * 10) - 4)));
            Assert.That(afterReplay.TrialBound, Is.EqualTo(12), "an invalid trial is repeated on top of the bound");
            // Mean (10 + 4) / 2 = 7 s; 12 - 3 = 9 left in the first, 11 in the second.
            Assert.That(afterReplay.RemainingAtMost, Is.EqualTo(TimeSpan.FromSeconds(7 * 20)));
            Assert.That(afterReplay.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(14)));
            Assert.That(reports, Has.Count.EqualTo(6));
        });
        Assert.That(ProgressText.Trial(running.Running!, running.TrialBound), Is.EqualTo("trial 2 of at most 11: host response delay 90 s"));
        Assert.That(ProgressText.Time(running), Is.EqualTo("elapsed 00:00:14, at most about 00:03:26 left"));
        Assert.That(ProgressText.Ended(afterReplay.LastEnded!), Does.EndWith("Timeout after 60 s (replayed from the interrupted run)"));
    }

    private static TrialResult Result(TrialOutcome outcome) => new(outcome, 60, null, 0) { RigFault = outcome.IsDataPoint() ? null : "relay read-back" };
}
