using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The quick-start campaign on the simulated station, wired by <see cref="SimulatedCampaign"/> as <c>bench run</c> wires it:
/// a real pty for the ECR port, GPIO through the simulated driver, loopback TCP to the host.
/// The simulated rig runs at the profiles' time scale, so each experiment takes about 20 s.
/// </summary>
[NonParallelizable]
public sealed class QuickstartCampaignTests
{
    // One fixture instance serves every test here, so the campaign runs once.
    private CampaignRunResult result = null!;
    private TemporaryDirectory output = null!;
    private long runId;

    [OneTimeSetUp]
    public async Task RunTheQuickstartCampaign()
    {
        output = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        using var store = ResultsStore.Open(Path.Combine(output.Path, "results.db"));
        runId = store.CreateRun(campaign.Name);
        result = await SimulatedCampaign.RunAsync(
            campaign, HostRuleSet.ApproveAll, new ResultsRun(store, runId), output.Path);
    }

    [OneTimeTearDown]
    public void RemoveOutput() => output.Dispose();

    [Test]
    public void Each_profile_times_out_within_half_a_second_of_its_configured_response_timeout()
    {
        Assert.That(result.Experiments, Has.Count.EqualTo(2));
        Assert.That(result.Experiments.Select(run => run.Experiment.Terminal.ResponseTimeout).Distinct().Count(), Is.EqualTo(2),
            "the two experiments test models with different timeouts");
        foreach (var run in result.Experiments)
        {
            var configured = run.Experiment.Terminal.ResponseTimeout.TotalSeconds;
            Assert.That(run.Search.Status, Is.EqualTo(ThresholdSearchStatus.Found), run.Experiment.Name);
            Assert.That(run.Search.Threshold, Is.EqualTo(configured).Within(0.5), run.Experiment.Name);
            Assert.That(run.Summary.ConfiguredTimeoutSeconds, Is.EqualTo(configured));
        }
    }

    [Test]
    public void Bisection_stays_within_its_trial_bound()
    {
        foreach (var run in result.Experiments)
        {
            var experiment = run.Experiment;
            var bound = (int)Math.Ceiling(Math.Log2(experiment.Range.Width / experiment.Resolution)) + 2;
            Assert.That(run.Search.TrialsUsed, Is.LessThanOrEqualTo(bound), experiment.Name);
            Assert.That(run.Search.BracketWidth, Is.LessThanOrEqualTo(experiment.Resolution), experiment.Name);
        }
    }

    [Test]
    public void Approved_trials_left_the_amount_debited_and_timed_out_ones_are_reversed_by_the_next_sale()
    {
        foreach (var run in result.Experiments)
        {
            var trials = run.Trials;
            for (var i = 0; i < trials.Count; i++)
            {
                var trial = trials[i].Result;
                if (trial.Outcome == TrialOutcome.Approved)
                    Assert.That(trial.LedgerNetDebitMinorUnits, Is.EqualTo(run.Experiment.AmountMinorUnits), $"{run.Experiment.Name} trial {i}");
                if (trial.Outcome == TrialOutcome.Timeout && i + 1 < trials.Count)
                    Assert.That(trials[i + 1].Result.ReversalsSent, Does.Contain(trial.Stan), $"{run.Experiment.Name} trial {i + 1} reverses trial {i}");
            }
        }
    }

    [Test]
    public void Time_to_result_follows_the_host_delay_until_the_timeout()
    {
        foreach (var run in result.Experiments)
        {
            var timeout = run.Experiment.Terminal.ResponseTimeout.TotalSeconds;
            foreach (var trial in run.Trials)
            {
                var expected = Math.Min(trial.Parameter, timeout);
                Assert.That(trial.Result.TimeToResultSeconds, Is.EqualTo(expected).Within(0.75),
                    $"{run.Experiment.Name} at {trial.Parameter} s: {trial.Result.TerminalResult} after {trial.Result.TimeToResultSeconds:0.000} s");
            }
        }
    }

    [Test]
    public void Outputs_are_written_results_db_summary_and_the_documents_the_report_stage_reads()
    {
        Assert.That(File.Exists(result.SummaryFile), Is.True);

        using var store = ResultsStore.Open(Path.Combine(output.Path, "results.db"));
        Assert.That(store.ReadDocument(runId, RunDocumentNames.Summary), Is.EqualTo(File.ReadAllText(result.SummaryFile).TrimEnd()));
        Assert.That(store.ReadDocument(runId, RunDocumentNames.Checker), Is.EqualTo(File.ReadAllText(result.CheckerFile!).TrimEnd()));
        var frames = store.ReadFrames(runId);
        var events = store.ReadEvents(runId);
        var trials = result.Experiments.Sum(run => run.Trials.Count);
        // A reversal a timed-out trial left pending goes out with a clean flush sale before the next trial.
        var flushSales = events.Count(e => e.Kind == StationEventKinds.FlushSale && e.Detail.StartsWith("flush sale ", StringComparison.Ordinal));
        Assert.That(flushSales, Is.GreaterThan(0), "every experiment has timed-out trials, and the next trial flushes their reversals");
        Assert.That(frames.Count(frame => frame.Mti == "0200"), Is.EqualTo(trials + flushSales));
        Assert.That(events.Count(e => e.Kind == StationEventKinds.Swipe), Is.EqualTo(trials), "one solenoid pulse per trial");
        Assert.That(events.Count(e => e.Kind == StationEventKinds.TrialEnded), Is.EqualTo(trials));
        Assert.That(events.Count(e => e.Kind == StationEventKinds.EcrLine && e.Detail.StartsWith("RESULT", StringComparison.Ordinal)), Is.EqualTo(trials + flushSales));
        Assert.That(events.Any(e => e.Kind == StationEventKinds.TerminalConsole), Is.True);
        Assert.That(store.AllTextValues().Select(value => value.Value), Has.None.Contains(SampleCardPan()),
            "no unmasked PAN in any text column");
    }

    private static string SampleCardPan() => TestCardLoader.Load(RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")).Pan;
}
