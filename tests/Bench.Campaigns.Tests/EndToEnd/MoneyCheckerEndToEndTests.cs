using Bench.Campaigns.Checking;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The lost-money checker on a whole simulated campaign: a correct terminal loses no money however often it
/// times out (each timeout is reversed by the next sale or the final settle); a terminal that drops its
/// reversal record on a timeout leaves an orphan debit, which the checker names with its ledger key.
/// </summary>
[NonParallelizable]
public sealed class MoneyCheckerEndToEndTests
{
    // The VX520 times out at 30 s (1.5 s wall at 20x): a coarse sweep past it gives timeouts and approvals.
    private const string HostDelaySweep = """
          - name: host-delay
            kind: hostResponseDelay
            from: 0s
            to: 40s
            resolution: 5s
            settle: 1s
            amount: 2500
        """;

    [Test]
    public async Task A_correct_terminal_loses_no_money_and_every_timeout_is_compensated()
    {
        using var runner = new RigFaultRunner();

        var result = await runner.RunAsync(RigFaultRunner.Shipped("verifone-vx520-ethernet"), HostDelaySweep);

        var checker = result.Checker!;
        var trials = result.Experiments.Single().Trials.Select(trial => trial.Result).ToList();
        Assert.That(trials.Where(trial => trial.Outcome == TrialOutcome.Timeout), Is.Not.Empty, "the sweep must time out somewhere");
        Assert.That(checker.CountOf(TransactionClass.OrphanDebit), Is.Zero, CheckerConsole.Format(checker));
        Assert.That(checker.Failed, Is.False);
        Assert.That(checker.Violations, Is.Empty, CheckerConsole.Format(checker));
        Assert.That(checker.Conservation.Balanced, Is.True, CheckerConsole.Format(checker));
        foreach (var timedOut in trials.Where(trial => trial.Outcome == TrialOutcome.Timeout))
        {
            var verdict = checker.Transactions.Single(transaction => transaction.LedgerKey == timedOut.LedgerKey!.Value.ToString());
            Assert.That(verdict.Class, Is.EqualTo(TransactionClass.Compensated), verdict.WhatHappened);
            Assert.That(verdict.ReversalRequests.Select(request => request.Reason), Has.All.EqualTo("98"));
            Assert.That(verdict.Trial, Is.Not.Null);
        }
        foreach (var approved in trials.Where(trial => trial.Outcome == TrialOutcome.Approved))
        {
            Assert.That(checker.Transactions.Single(transaction => transaction.LedgerKey == approved.LedgerKey!.Value.ToString()).Class,
                Is.EqualTo(TransactionClass.Clean));
        }
        Assert.That(result.Summary.Checker!.Counts["orphanDebit"], Is.Zero);
        Assert.That(File.Exists(result.CheckerFile), Is.True);
    }

    [Test]
    public async Task A_sale_lost_to_a_power_cut_is_compensated_by_the_reversal_the_terminal_kept_in_flash()
    {
        using var runner = new RigFaultRunner();

        var result = await runner.RunAsync(RigFaultRunner.Shipped("verifone-vx520-ethernet"), """
              - name: power-cut
                kind: terminalPowerCut
                from: 0s
                to: 2s
                resolution: 0.25s
                settle: 2s
            """);

        var checker = result.Checker!;
        var lost = result.Experiments.Single().Trials.Select(trial => trial.Result).Where(trial => trial.TerminalResult == "PowerLost").ToList();
        Assert.That(lost, Is.Not.Empty);
        Assert.That(checker.Failed, Is.False, CheckerConsole.Format(checker));
        Assert.That(checker.Violations, Is.Empty, CheckerConsole.Format(checker));
        foreach (var trial in lost.Where(trial => trial.LedgerNetDebitMinorUnits > 0 || trial.LedgerKey is not null))
        {
            // The trial's key is its own sale's, not that of the flush sale that went before it.
            var verdict = checker.Transactions.Single(transaction => transaction.LedgerKey == trial.LedgerKey!.Value.ToString());
            Assert.That(verdict.Role, Is.EqualTo(TransactionRole.Trial));
            Assert.That(verdict.TerminalResult, Is.EqualTo("PowerLost"));
            Assert.That(verdict.Class, Is.AnyOf(TransactionClass.Compensated, TransactionClass.Clean), verdict.WhatHappened);
        }
        Assert.That(checker.Transactions.Where(transaction => transaction.Role == TransactionRole.FlushSale).Select(transaction => transaction.Class),
            Has.All.EqualTo(TransactionClass.Clean));
    }

    [Test]
    public async Task A_terminal_that_drops_its_reversal_after_a_timeout_leaves_an_orphan_debit_the_checker_names()
    {
        using var runner = new RigFaultRunner();

        var result = await runner.RunAsync(RigFaultRunner.Shipped("verifone-vx520-ethernet"), HostDelaySweep,
            new SimulatedStationOptions { FirmwareBugs = new FirmwareBugs { NoReversalAfterTimeout = true } });

        var checker = result.Checker!;
        var timedOut = result.Experiments.Single().Trials.Select(trial => trial.Result)
            .Where(trial => trial.Outcome == TrialOutcome.Timeout && trial.LedgerNetDebitMinorUnits > 0).ToList();
        Assert.That(timedOut, Is.Not.Empty, "the host debited and held its reply past the timer");
        Assert.That(checker.Failed, Is.True);
        foreach (var trial in timedOut)
        {
            var key = trial.LedgerKey!.Value.ToString();
            Assert.That(checker.Violations.Where(violation => violation.LedgerKey == key).Select(violation => violation.Class),
                Is.SupersetOf(new[] { "orphanDebit", ProtocolExpectations.MissingReversal }), CheckerConsole.Format(checker));
            var orphan = checker.Violations.First(violation => violation.LedgerKey == key && violation.Class == "orphanDebit");
            Assert.That(orphan.Fatal, Is.True);
            Assert.That(orphan.Trial!.Experiment, Is.EqualTo("host-delay"));
        }
        Assert.That(checker.CountOf(TransactionClass.OrphanDebit), Is.EqualTo(timedOut.Count));
        Assert.That(checker.Conservation.DifferenceMinorUnits, Is.EqualTo(2500L * timedOut.Count), "the orphans are what the ledger holds beyond the receipts");
        Assert.That(result.Summary.Checker!.Counts["orphanDebit"], Is.EqualTo(timedOut.Count));
    }
}
