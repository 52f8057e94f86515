using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Host;
using Bench.Plots;
using Bench.Results;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Campaigns.Tests.Resume;

/// <summary>
/// A resumed run hands each search the interrupted run's stored trials while the search asks for the same
/// parameters, runs real trials after them, and records only the real ones, under the same run and experiment.
/// </summary>
public sealed class ReplayingTrialExecutorTests
{
    /// <summary>Times out from the terminal's response timeout on; can stop the run (Ctrl-C) before a given trial.</summary>
    private sealed class FakeExecutor(int? cancelBeforeTrial = null) : ITrialExecutor
    {
        public List<(string Experiment, double Parameter)> Calls { get; } = [];

        public Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken)
        {
            if (Calls.Count + 1 == cancelBeforeTrial) throw new OperationCanceledException("stopped");
            Calls.Add((experiment.Name, parameterValue));
            var timedOut = parameterValue >= experiment.Terminal.ResponseTimeout.TotalSeconds;
            var stan = (Calls.Count * 2).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(new TrialResult(
                timedOut ? TrialOutcome.Timeout : TrialOutcome.Approved, Math.Min(parameterValue, 60) + 0.1 * Calls.Count, timedOut ? null : parameterValue,
                timedOut ? 0 : experiment.AmountMinorUnits)
            {
                TerminalResult = timedOut ? "TIMEOUT" : "APPROVED",
                Stan = stan,
                LedgerKey = new LedgerKey("10000001", "000001", stan),
                ReversalsSent = Calls.Count % 3 == 0 ? ["000001", "000003"] : [],
                RequestBytes = 113,
                ReplyBytes = timedOut ? null : 114,
                StartedNanoseconds = 1_000_000L * Calls.Count,
                EndedNanoseconds = (1_000_000L * Calls.Count) + 999,
            });
        }
    }

    private static CampaignDefinition TwoExperiments() =>
        SampleData.Campaign(
            SampleData.Experiment("pax-host-delay"),
            SampleData.Experiment("vx520-host-delay", SampleData.Terminal("Verifone VX520", 30)));

    private static CampaignRunner Runner(ITrialExecutor executor, ResultsRun results) =>
        new(executor, new FakeTimeProvider(), results: results);

    [Test]
    public async Task An_interrupted_run_resumed_ends_with_the_trials_and_thresholds_of_one_never_interrupted()
    {
        using var folder = new TemporaryDirectory();
        var campaign = TwoExperiments();
        using var reference = ResultsStore.Open(Path.Combine(folder.Path, "reference.db"));
        var whole = await Runner(new FakeExecutor(), new ResultsRun(reference, reference.CreateRun("sample"))).RunAsync(campaign, Path.Combine(folder.Path, "whole"));

        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("sample");
        // Stopped in the second experiment, after its third trial.
        var firstPart = new FakeExecutor(cancelBeforeTrial: whole.Experiments[0].Trials.Count + 4);
        Assert.ThrowsAsync<OperationCanceledException>(() => Runner(firstPart, new ResultsRun(store, runId)).RunAsync(campaign, Path.Combine(folder.Path, "first")));
        var stored = store.ReadTrials(runId);

        var resumed = ResumedTrials.Read(store, runId);
        var secondPart = new FakeExecutor();
        var result = await Runner(new ReplayingTrialExecutor(secondPart, resumed), new ResultsRun(store, runId) { Resumed = resumed })
            .RunAsync(campaign, Path.Combine(folder.Path, "second"));

        var trials = store.ReadTrials(runId);
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Count, Is.EqualTo(stored.Count));
            Assert.That(secondPart.Calls, Has.Count.EqualTo(whole.Experiments.Sum(run => run.Trials.Count) - stored.Count), "no finished trial is run again");
            Assert.That(secondPart.Calls.Select(call => call.Experiment), Has.All.EqualTo("vx520-host-delay"));
            Assert.That(trials.Take(stored.Count), Is.EqualTo(stored), "the stored trials are kept as they were");
            Assert.That(trials.Select(trial => (trial.ExperimentName, trial.TrialIndex, trial.ParameterValue, trial.Outcome)),
                Is.EqualTo(reference.ReadTrials(reference.ReadRuns()[0].Id).Select(trial => (trial.ExperimentName, trial.TrialIndex, trial.ParameterValue, trial.Outcome))));
            Assert.That(store.ReadExperiments(runId).Select(experiment => experiment.Name), Is.EqualTo(new[] { "pax-host-delay", "vx520-host-delay" }), "no experiment added twice");
            Assert.That(result.Summary.Experiments.Select(experiment => (experiment.Threshold, experiment.TrialsUsed)),
                Is.EqualTo(whole.Summary.Experiments.Select(experiment => (experiment.Threshold, experiment.TrialsUsed))));
            Assert.That(result.Experiments[0].Trials.Select(trial => trial.Result.Replayed), Has.All.True);
        });
    }

    [Test]
    public async Task A_stored_trial_reads_back_as_the_result_that_was_recorded()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("sample");
        var run = await Runner(new FakeExecutor(), new ResultsRun(store, runId)).RunAsync(SampleData.Campaign(SampleData.Experiment()), folder.Path);

        var replayed = ResumedTrials.Read(store, runId).Trials("pax-host-delay");

        Assert.That(replayed, Has.Count.EqualTo(run.Experiments[0].Trials.Count));
        foreach (var (stored, original) in replayed.Zip(run.Experiments[0].Trials))
        {
            Assert.That(stored.Parameter, Is.EqualTo(original.Parameter));
            Assert.That(stored.Result with { ReversalsSent = [] }, Is.EqualTo(original.Result with { ReversalsSent = [] }));
            Assert.That(stored.Result.ReversalsSent, Is.EqualTo(original.Result.ReversalsSent));
        }
    }

    [Test]
    public async Task A_parameter_other_than_the_stored_one_stops_replay_for_that_experiment_and_new_trials_go_after_the_stored_ones()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("sample");
        var experiment = SampleData.Experiment();
        var experimentId = store.AddExperiment(runId, experiment.Name);
        foreach (var (index, parameter) in new[] { (1, 60.0), (2, 30.0), (3, 15.0) })
            store.RecordTrial(new TrialRecord(runId, experimentId, index, parameter, "Approved", 0, 1) { DetailsJson = """{"timeToResultSeconds":1.5,"ledgerNetDebitMinorUnits":100}""" });
        var resumed = ResumedTrials.Read(store, runId);
        var inner = new FakeExecutor();
        var diverged = new List<ReplayDivergence>();
        var executor = new ReplayingTrialExecutor(inner, resumed);

        var first = await executor.RunTrialAsync(experiment, 60, CancellationToken.None);
        var second = await executor.RunTrialAsync(experiment, 45, CancellationToken.None);
        var third = await executor.RunTrialAsync(experiment, 15, CancellationToken.None);
        var afterStop = resumed.Replay(experiment, 15, diverged.Add);

        Assert.Multiple(() =>
        {
            Assert.That((first.Replayed, first.Outcome, first.TimeToResultSeconds), Is.EqualTo((true, TrialOutcome.Approved, 1.5)));
            Assert.That(second.Replayed, Is.False, "45 is not the stored 30: a real trial");
            Assert.That(third.Replayed, Is.False, "replay stays stopped even where a later stored trial would match");
            Assert.That(afterStop, Is.Null);
            Assert.That(diverged, Is.Empty, "a divergence is reported once");
            Assert.That(inner.Calls.Select(call => call.Parameter), Is.EqualTo(new[] { 45.0, 15.0 }));
            Assert.That(resumed.ExperimentId(experiment.Name), Is.EqualTo(experimentId));
            Assert.That(resumed.TrialIndex(experiment.Name, 2), Is.EqualTo(4), "after the two stored trials replay left");
            Assert.That(resumed.ExperimentId("not-started"), Is.Null);
            Assert.That(resumed.TrialIndex("not-started", 1), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_divergence_names_the_experiment_trial_and_both_parameters()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("sample");
        var experiment = SampleData.Experiment();
        var experimentId = store.AddExperiment(runId, experiment.Name);
        store.RecordTrial(new TrialRecord(runId, experimentId, 1, 60, "Timeout", 0, 1) { DetailsJson = """{"timeToResultSeconds":60.1,"ledgerNetDebitMinorUnits":0}""" });
        store.RecordTrial(new TrialRecord(runId, experimentId, 2, 30, "Approved", 0, 1) { DetailsJson = """{"timeToResultSeconds":30.1,"ledgerNetDebitMinorUnits":100}""" });
        var resumed = ResumedTrials.Read(store, runId);
        var diverged = new List<ReplayDivergence>();

        Assert.That(resumed.Replay(experiment, 60, diverged.Add)?.Outcome, Is.EqualTo(TrialOutcome.Timeout));
        Assert.That(resumed.Replay(experiment, 90, diverged.Add), Is.Null);
        Assert.That(diverged, Is.EqualTo(new[] { new ReplayDivergence(experiment.Name, 2, 90, 30, 1) }));
    }

    [Test]
    public void A_stored_trial_whose_details_are_unreadable_is_a_clear_error()
    {
        using var folder = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var runId = store.CreateRun("sample");
        var experimentId = store.AddExperiment(runId, "pax-host-delay");
        store.RecordTrial(new TrialRecord(runId, experimentId, 1, 60, "Timeout", 0, 1) { DetailsJson = """{"ledgerNetDebitMinorUnits":0}""" });

        var error = Assert.Throws<FormatException>(() => ResumedTrials.Read(store, runId));
        Assert.That(error!.Message, Does.StartWith("trial 1 of experiment pax-host-delay: its details cannot be read back"));
    }
}
