using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// Each reproduction of fixtures/campaigns/field-bugs.yaml, as shipped (its terminal, host rules and trigger) but over
/// a reduced range, in both directions: with its bug off the terminal loses no money and breaks no protocol rule; with
/// the bug switched on (the run's <c>--set terminal.firmwareBugs.NAME=true</c>) the checker or the measured threshold
/// names the symptom.
/// </summary>
[NonParallelizable]
public sealed class FieldBugReproductionTests
{
    private static string CampaignFile => RepositoryFiles.Fixture("campaigns/field-bugs.yaml");

    [TestCase(false)]
    [TestCase(true)]
    public async Task No_reversal_after_timeout_leaves_an_orphan_debit(bool bug)
    {
        // A delay past the 30 s timer, then one below it.
        var run = await RunAsync("no-reversal-after-timeout", "noReversalAfterTimeout", bug, from: 22, to: 42, resolution: 10);

        AssertTimedOutSomewhere(run);
        if (bug) AssertOrphanDebit(run);
        else AssertNoMoneyLostAndNoViolation(run);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_pending_reversal_deleted_after_its_resends_fail_leaves_an_orphan_debit(bool bug)
    {
        // A delay past the timer leaves a reversal pending; the host loses its first three attempts (all a resend count of 2 allows).
        var run = await RunAsync("pending-reversal-deleted-after-resends-fail", "pendingReversalDeletedAfterResendsFail", bug, from: 22, to: 42, resolution: 10);

        AssertTimedOutSomewhere(run);
        if (bug) AssertOrphanDebit(run);
        else AssertNoMoneyLostAndNoViolation(run);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_reversal_cleared_on_a_refused_0410_leaves_an_orphan_debit(bool bug)
    {
        var run = await RunAsync("reversal-cleared-before-response-checked", "reversalClearedBeforeResponseChecked", bug, from: 22, to: 42, resolution: 10);

        AssertTimedOutSomewhere(run);
        if (bug)
        {
            AssertOrphanDebit(run);
        }
        else
        {
            AssertNoMoneyLostAndNoViolation(run);
            var refusedThenAcknowledged = run.Checker.Transactions.Where(transaction => transaction.ReversalRequests.Count >= 2
                && transaction.ReversalRequests[0].HostResponse == "96" && transaction.ReversalRequests[^1].HostResponse == "00");
            Assert.That(refusedThenAcknowledged, Is.Not.Empty, "the refused first attempt is resent and acknowledged: " + run.Table);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_reversal_kept_in_memory_dies_with_the_power_and_leaves_an_orphan_debit(bool bug)
    {
        // Cuts 1 s after the host has the 0200 (held 5 s): the terminal is waiting for the 0210.
        var run = await RunAsync("reversal-not-persisted", "reversalNotPersisted", bug, from: 0.5, to: 1.5, resolution: 1);

        Assert.That(run.Trials.Select(trial => trial.Result.TerminalResult), Has.Some.EqualTo("PowerLost"), run.Table);
        if (bug) AssertOrphanDebit(run);
        else AssertNoMoneyLostAndNoViolation(run);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_terminal_that_ignores_the_mac_check_shows_a_corrupt_approval_as_approved(bool bug)
    {
        var run = await RunAsync("mac-check-ignored", "macCheckIgnored", bug, from: 1, to: 21, resolution: 10);

        if (bug)
        {
            Assert.That(run.Trials.Select(trial => trial.Result.Outcome), Has.Some.EqualTo(TrialOutcome.Approved), run.Table);
            Assert.That(run.Checker.Violations.Select(violation => violation.Class), Has.Some.EqualTo(ProtocolExpectations.MacFailureIgnored),
                CheckerConsole.Format(run.Checker));
        }
        else
        {
            Assert.That(run.Trials.Select(trial => trial.Result.TerminalResult), Has.All.EqualTo("MacError"), run.Table);
            AssertNoMoneyLostAndNoViolation(run);
            var trialSales = run.Checker.Transactions.Where(transaction => transaction.Role == TransactionRole.Trial).ToList();
            Assert.That(trialSales, Is.Not.Empty);
            Assert.That(trialSales.Select(sale => sale.Class), Has.All.EqualTo(TransactionClass.Compensated), CheckerConsole.Format(run.Checker));
            Assert.That(trialSales.SelectMany(sale => sale.ReversalRequests).Select(request => request.Reason), Has.All.EqualTo("A0"));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_stale_0210_taken_for_the_next_sale_moves_the_effective_timeout(bool bug)
    {
        // An approved sale leaves the duplicate copy of its 0210 on the kept connection; the next trial holds its own reply past the timer.
        var run = await RunAsync("late-reply-accepted", "lateReplyAccepted", bug, from: 1, to: 41, resolution: 10);

        var pastTheTimer = run.Trials.Where(trial => trial.Parameter > 30.5).ToList();
        Assert.That(pastTheTimer, Is.Not.Empty, run.Table);
        if (bug)
        {
            Assert.That(pastTheTimer.Select(trial => trial.Result.Outcome), Has.Some.EqualTo(TrialOutcome.Approved),
                "a sale held past the 30 s timer shown approved: the effective timeout moved. " + run.Table);
        }
        else
        {
            Assert.That(pastTheTimer.Select(trial => trial.Result.Outcome), Has.All.EqualTo(TrialOutcome.Timeout), run.Table);
            AssertNoMoneyLostAndNoViolation(run);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_read_loop_that_takes_a_short_read_for_the_whole_reply_times_out_on_an_approved_sale(bool bug)
    {
        // 11 s is far inside the 30 s timer, even with the split reply's 3 s on the wire.
        var run = await RunAsync("read-loop-truncates-split-reply", "readLoopTruncatesSplitReply", bug, from: 1, to: 21, resolution: 10);

        var early = run.Trials.Where(trial => trial.Parameter < 15).ToList();
        Assert.That(early, Is.Not.Empty, run.Table);
        if (bug)
        {
            Assert.That(early.Select(trial => trial.Result.Outcome), Has.Some.EqualTo(TrialOutcome.Timeout),
                "an approved sale far inside the timer timed out: the effective timeout moved. " + run.Table);
            Assert.That(run.Checker.CountOf(TransactionClass.OrphanDebit), Is.Zero, "the timeout is still reversed: " + CheckerConsole.Format(run.Checker));
        }
        else
        {
            Assert.That(run.Trials.Select(trial => trial.Result.Outcome), Has.All.EqualTo(TrialOutcome.Approved), run.Table);
            AssertNoMoneyLostAndNoViolation(run);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_reversal_resent_under_a_new_stan_is_a_double_reversal(bool bug)
    {
        var run = await RunAsync("reversal-retried-with-new-stan", "reversalRetriedWithNewStan", bug, from: 22, to: 42, resolution: 10);

        AssertTimedOutSomewhere(run);
        if (bug)
        {
            Assert.That(run.Checker.CountOf(TransactionClass.DoubleReversal), Is.Positive, CheckerConsole.Format(run.Checker));
            Assert.That(run.Checker.Failed, Is.True);
            Assert.That(run.Checker.Violations.Select(violation => violation.Class), Has.Some.EqualTo(ProtocolExpectations.ReversalWithNewStan));
        }
        else
        {
            AssertNoMoneyLostAndNoViolation(run);
            // The first attempt's 0410 was lost; the resend carries the original STAN and the host reverses once.
            var resent = run.Checker.Transactions.Where(transaction => transaction.ReversalRequests.Count >= 2).ToList();
            Assert.That(resent, Is.Not.Empty, CheckerConsole.Format(run.Checker));
            Assert.That(resent.SelectMany(transaction => transaction.ReversalRequests.Select(request => request.Stan == transaction.LedgerKey[^6..])), Has.All.True);
            Assert.That(resent.Select(transaction => transaction.Class), Has.All.EqualTo(TransactionClass.Compensated));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_response_timer_started_before_the_dial_expires_early_by_the_connect_time(bool bug)
    {
        // 36 s is inside the 40 s timer less the 1.9 s of wire time, but not once the dial's seconds come off it too.
        var run = await RunAsync("response-timer-includes-connect", "responseTimerIncludesConnect", bug, from: 34, to: 38, resolution: 4);

        var inside = run.Trials.Where(trial => trial.Parameter < 37).ToList();
        Assert.That(inside, Is.Not.Empty, run.Table);
        if (bug)
        {
            Assert.That(inside.Select(trial => trial.Result.Outcome), Has.Some.EqualTo(TrialOutcome.Timeout),
                "the effective timeout moved below the configured one: " + run.Table);
        }
        else
        {
            Assert.That(inside.Select(trial => trial.Result.Outcome), Has.All.EqualTo(TrialOutcome.Approved), run.Table);
            AssertNoMoneyLostAndNoViolation(run);
        }
    }

    private static void AssertTimedOutSomewhere(Reproduction run) =>
        Assert.That(run.Trials.Select(trial => trial.Result.Outcome), Has.Some.EqualTo(TrialOutcome.Timeout), "the reproduction must time out somewhere: " + run.Table);

    private static void AssertOrphanDebit(Reproduction run)
    {
        Assert.That(run.Checker.CountOf(TransactionClass.OrphanDebit), Is.Positive, CheckerConsole.Format(run.Checker));
        Assert.That(run.Checker.Failed, Is.True);
        Assert.That(run.Checker.Violations.Select(violation => violation.Class), Has.Some.EqualTo("orphanDebit"));
    }

    private static void AssertNoMoneyLostAndNoViolation(Reproduction run)
    {
        Assert.That(run.Checker.Failed, Is.False, CheckerConsole.Format(run.Checker));
        Assert.That(run.Checker.Violations, Is.Empty, CheckerConsole.Format(run.Checker));
        Assert.That(run.Checker.Conservation.Balanced, Is.True, CheckerConsole.Format(run.Checker));
    }

    /// <summary>Runs one shipped reproduction over [from, to] at the resolution, with its bug on or off.</summary>
    private static async Task<Reproduction> RunAsync(string experimentName, string bugName, bool bug, double from, double to, double resolution)
    {
        var overrides = bug ? FixtureOverrides.Parse([$"terminal.firmwareBugs.{bugName}=true"]) : FixtureOverrides.None;
        var campaign = CampaignLoader.Load(CampaignFile, overrides);
        var experiment = campaign.Experiments.Single(candidate => candidate.Name == experimentName) with
        {
            Range = new ParameterRange(from, to),
            Resolution = resolution,
        };
        Assert.That(experiment.Terminal.FirmwareBugs.EnabledNames, Is.EqualTo(bug ? new[] { bugName } : Array.Empty<string>()));

        using var output = new TemporaryDirectory();
        using var store = ResultsStore.Open(Path.Combine(output.Path, "results.db"));
        var runId = store.CreateRun(campaign.Name);
        var result = await SimulatedCampaign.RunAsync(
            campaign with { Experiments = [experiment] },
            HostRuleSetLoader.LoadFile(campaign.HostRulesFile!),
            new ResultsRun(store, runId),
            output.Path);
        var trials = result.Experiments.Single().Trials;
        var table = string.Join("; ", trials.Select(trial => $"{trial.Parameter:0.###} s -> {trial.Result.Outcome} ({trial.Result.TerminalResult}{trial.Result.RigFault})"));
        return new Reproduction(trials, result.Checker!, table);
    }

    private sealed record Reproduction(IReadOnlyList<ExecutedTrial> Trials, CheckerReport Checker, string Table);
}
