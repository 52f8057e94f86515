using Bench.Campaigns.Checking;
using Bench.Host;

namespace Bench.Campaigns.Tests;

/// <summary>The checker's classes, protocol expectations, first / worst / last and conservation, on hand-built histories.</summary>
public sealed class MoneyCheckerTests
{
    private const string Terminal = "TERM0001";
    private const string Batch = "000001";
    private const long Amount = 2_500;
    private const long Second = 1_000_000_000;

    [Test]
    public void An_approved_sale_with_its_debit_and_a_declined_sale_without_one_are_clean()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Approved, "Approved", at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Declined, "Declined", at: 10);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(report.Transactions.Select(transaction => transaction.Class), Is.All.EqualTo(TransactionClass.Clean));
        Assert.That(report.Violations, Is.Empty);
        Assert.That(report.Conservation, Is.EqualTo(new Conservation(Amount, Amount)));
        Assert.That(report.Failed, Is.False);
    }

    [Test]
    public void A_timed_out_debit_reversed_with_98_before_the_next_sale_is_compensated()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40, requestAt: 42)
            .Reversal("000001", "98", at: 41).Debit("000002", at: 42);

        var report = MoneyChecker.Check(history.Build());

        var reversed = Verdict(report, "000001");
        Assert.That(reversed.Class, Is.EqualTo(TransactionClass.Compensated));
        Assert.That(reversed.ExposureSeconds, Is.EqualTo(40).Within(1e-6), "held from the debit to the reversal");
        Assert.That(reversed.ReversalRequests.Single().Reason, Is.EqualTo("98"));
        Assert.That(report.Violations, Is.Empty);
        Assert.That(report.Conservation.Balanced, Is.True);
    }

    [Test]
    public void A_timed_out_debit_that_is_never_reversed_is_an_orphan_debit_with_a_missing_reversal()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40).Debit("000002", at: 41);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.OrphanDebit));
        Assert.That(report.Violations.Select(violation => violation.Class), Is.EquivalentTo(new[] { "orphanDebit", ProtocolExpectations.MissingReversal }));
        Assert.That(report.Violations.Single(violation => violation.Class == "orphanDebit").Fatal, Is.True);
        Assert.That(report.Violations.First().LedgerKey, Is.EqualTo($"{Terminal}/{Batch}/000001"));
        Assert.That(report.Violations.First().Trial!.Experiment, Is.EqualTo("sweep"));
        Assert.That(report.Failed, Is.True);
        Assert.That(report.Conservation.DifferenceMinorUnits, Is.EqualTo(Amount));
    }

    [Test]
    public void A_late_original_booked_after_its_reversal_is_an_orphan_debit_and_says_so()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0, requestAt: 60)
            .Reversal("000001", "98", at: 32, booked: LedgerEntryKind.ReversalWithoutDebit)
            .Debit("000001", at: 60);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.OrphanDebit));
        Assert.That(Verdict(report, "000001").WhatHappened, Does.Contain("reached the host 28 s before the sale request"));
    }

    [Test]
    public void A_sale_whose_approval_the_terminal_took_in_before_its_power_went_may_keep_the_money()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "PowerLost", at: 0, approvalTakenIn: true).Debit("000001", at: 1);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.Clean));
        Assert.That(Verdict(report, "000001").ApprovalKept, Is.True);
        Assert.That(report.Violations, Is.Empty);
        Assert.That(report.Conservation.Balanced, Is.True);
    }

    [Test]
    public void A_power_lost_sale_without_the_approval_taken_in_and_no_reversal_is_an_orphan()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "PowerLost", at: 0).Debit("000001", at: 1);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.OrphanDebit));
    }

    [Test]
    public void Two_debits_of_one_approved_sale_are_a_duplicate_debit()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Approved, "Approved", at: 0).Debit("000001", at: 1).Debit("000001", at: 2);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.DuplicateDebit));
        Assert.That(Verdict(report, "000001").MoneyAtStakeMinorUnits, Is.EqualTo(Amount));
        Assert.That(report.Failed, Is.True);
    }

    [Test]
    public void A_reversal_of_a_sale_the_host_never_booked_is_a_reversal_without_debit_and_does_not_fail_the_run()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "CommunicationError", at: 0)
            .Reversal("000001", "98", at: 30, booked: LedgerEntryKind.ReversalWithoutDebit);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.ReversalWithoutDebit));
        Assert.That(report.Failed, Is.False);
        Assert.That(report.Violations.Single().Class, Is.EqualTo("reversalWithoutDebit"));
    }

    [Test]
    public void A_reversal_repeated_under_a_new_stan_is_a_double_reversal()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Reversal("000001", "98", at: 31)
            .Reversal("000001", "98", at: 62, stan: "000003", booked: LedgerEntryKind.DuplicateReversal);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.DoubleReversal));
        Assert.That(report.Violations.Select(violation => violation.Class), Does.Contain(ProtocolExpectations.ReversalWithNewStan));
        Assert.That(report.Failed, Is.True);
    }

    [Test]
    public void A_resend_under_the_original_stan_that_the_host_absorbs_is_still_compensated()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40, requestAt: 73)
            .Reversal("000001", "98", at: 41)
            .Reversal("000001", "98", at: 72, booked: LedgerEntryKind.DuplicateReversal).Debit("000002", at: 73);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.Compensated));
        Assert.That(Verdict(report, "000001").DuplicateReversals, Is.EqualTo(1));
        Assert.That(report.Violations, Is.Empty);
    }

    [Test]
    public void A_host_that_credits_more_than_it_debited_double_reverses()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Reversal("000001", "98", at: 31).Reversal("000001", "98", at: 32);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.DoubleReversal));
        Assert.That(Verdict(report, "000001").NetDebitMinorUnits, Is.EqualTo(-Amount));
    }

    [Test]
    public void A_reversal_still_held_after_the_final_settle_is_its_own_class_not_an_orphan_and_not_clean()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .PendingAtEnd("000001", at: 100);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.ReversalPendingAtEnd));
        Assert.That(report.Violations.Select(violation => violation.Class), Is.EqualTo(new[] { "reversalPendingAtEnd" }), "no missing reversal: the terminal holds it");
        Assert.That(report.Failed, Is.False);
        Assert.That(report.Conservation.Balanced, Is.False);
    }

    [TestCase("MacError", "A0", false)]
    [TestCase("MacError", "98", true)]
    [TestCase("Timeout", "98", false)]
    [TestCase("Timeout", "06", true)]
    [TestCase("CommunicationError", "96", true)]
    public void The_reversal_reason_must_fit_what_the_terminal_saw(string terminalResult, string reason, bool wrong)
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, terminalResult, at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40, requestAt: 42)
            .Reversal("000001", reason, at: 41).Debit("000002", at: 42);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(report.Violations.Any(violation => violation.Class == ProtocolExpectations.WrongReversalReason), Is.EqualTo(wrong));
        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.Compensated), "the money came back either way");
    }

    [Test]
    public void A_cannot_store_reversal_fits_a_communication_error_after_the_host_approved()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "CommunicationError", at: 0, completed: 3).Debit("000001", at: 1).Reply("000001", "00", at: 2)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40, requestAt: 42)
            .Reversal("000001", "96", at: 41).Debit("000002", at: 42);

        Assert.That(MoneyChecker.Check(history.Build()).Violations, Is.Empty);
    }

    [Test]
    public void The_next_sale_reaching_the_host_before_the_reversal_breaks_the_order()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .Sale("000002", OperationOutcome.Approved, "Approved", at: 40).Debit("000002", at: 41)
            .Reversal("000001", "98", at: 42);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(report.Violations.Select(violation => violation.Class), Is.EqualTo(new[] { ProtocolExpectations.SaleBeforeReversal }));
    }

    [Test]
    public void An_earlier_sale_whose_request_arrives_late_is_not_the_next_sale()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0, requestAt: 45)
            .Sale("000002", OperationOutcome.Unknown, "Timeout", at: 40, requestAt: 41)
            .Sale("000003", OperationOutcome.Approved, "Approved", at: 80, requestAt: 82)
            .Reversal("000002", "98", at: 81, booked: LedgerEntryKind.ReversalWithoutDebit)
            .Reversal("000001", "98", at: 81.5, booked: LedgerEntryKind.ReversalWithoutDebit);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(report.Violations.Select(violation => violation.Class), Has.None.EqualTo(ProtocolExpectations.SaleBeforeReversal));
    }

    [Test]
    public void More_attempts_in_one_sale_than_the_resend_count_allows_are_reported()
    {
        var history = new HistoryDraft(resendCount: 1)
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .SaleWithoutRequest(at: 40)
            .Reversal("000001", "98", at: 41, booked: null).Reversal("000001", "98", at: 72, booked: null)
            .Reversal("000001", "98", at: 103);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(report.Violations.Select(violation => violation.Class), Does.Contain(ProtocolExpectations.TooManyReversalAttempts));
        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.Compensated));
    }

    [Test]
    public void Attempts_spread_over_several_sales_each_within_the_resend_count_are_fine()
    {
        var history = new HistoryDraft(resendCount: 1)
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1)
            .SaleWithoutRequest(at: 40)
            .Reversal("000001", "98", at: 41, booked: null).Reversal("000001", "98", at: 72, booked: null)
            .Sale("000003", OperationOutcome.Approved, "Approved", at: 200, requestAt: 202)
            .Reversal("000001", "98", at: 201).Debit("000003", at: 202);

        Assert.That(MoneyChecker.Check(history.Build()).Violations, Is.Empty);
    }

    [Test]
    public void An_approved_sale_whose_money_went_back_is_approved_without_debit()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Approved, "Approved", at: 0).Debit("000001", at: 1)
            .Reversal("000001", "06", at: 30);

        var report = MoneyChecker.Check(history.Build());

        Assert.That(Verdict(report, "000001").Class, Is.EqualTo(TransactionClass.ApprovedWithoutDebit));
        Assert.That(report.Violations.Select(violation => violation.Class), Is.EquivalentTo(new[] { "approvedWithoutDebit", ProtocolExpectations.UnexpectedReversal }));
        Assert.That(report.Conservation.DifferenceMinorUnits, Is.EqualTo(-Amount));
    }

    [Test]
    public void Each_class_reports_its_first_worst_and_last_occurrence()
    {
        var history = new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0, amount: 100).Debit("000001", at: 1, amount: 100)
            .Sale("000002", OperationOutcome.Unknown, "Timeout", at: 50, amount: 9_000).Debit("000002", at: 51, amount: 9_000)
            .Sale("000003", OperationOutcome.Unknown, "Timeout", at: 100, amount: 300).Debit("000003", at: 101, amount: 300)
            .Sale("000004", OperationOutcome.Approved, "Approved", at: 150).Debit("000004", at: 151);

        var report = MoneyChecker.Check(history.Build());

        var orphans = report.Classes.Single(tally => tally.Class == TransactionClass.OrphanDebit);
        Assert.That(orphans.Count, Is.EqualTo(3));
        Assert.That(orphans.First.LedgerKey, Does.EndWith("/000001"));
        Assert.That(orphans.Worst.LedgerKey, Does.EndWith("/000002"), "most money at stake");
        Assert.That(orphans.Last.LedgerKey, Does.EndWith("/000003"));
        Assert.That(report.Classes.Single(tally => tally.Class == TransactionClass.Clean).Count, Is.EqualTo(1));
        Assert.That(report.Conservation.HostNetDebitsMinorUnits, Is.EqualTo(100 + 9_000 + 300 + Amount));
        Assert.That(report.Conservation.ApprovedReceiptsMinorUnits, Is.EqualTo(Amount));
        var summary = CheckerSummary.From(report);
        Assert.That(summary.Counts["orphanDebit"], Is.EqualTo(3));
        Assert.That(summary.Counts, Has.Count.EqualTo(Enum.GetValues<TransactionClass>().Length), "every class, zeros included");
    }

    [Test]
    public void Checker_json_round_trips_every_transaction()
    {
        var report = MoneyChecker.Check(new HistoryDraft()
            .Sale("000001", OperationOutcome.Unknown, "Timeout", at: 0).Debit("000001", at: 1).Build());

        var json = CheckerJsonWriter.Serialize(report);
        var back = CheckerJsonWriter.Deserialize(json);

        Assert.That(json, Does.Contain("\"class\": \"orphanDebit\""));
        Assert.That(back.Transactions.Single().LedgerKey, Is.EqualTo($"{Terminal}/{Batch}/000001"));
        Assert.That(back.Transactions.Single().Class, Is.EqualTo(TransactionClass.OrphanDebit));
    }

    private static TransactionVerdict Verdict(CheckerReport report, string stan) =>
        report.Transactions.Single(transaction => transaction.LedgerKey == $"{Terminal}/{Batch}/{stan}");

    /// <summary>Builds a history for one terminal; times are whole seconds on the monotonic clock.</summary>
    private sealed class HistoryDraft(int resendCount = 2)
    {
        private readonly List<SaleOperation> operations = [];
        private readonly List<HostMessage> messages = [];
        private readonly List<LedgerEntry> ledger = [];
        private readonly List<PendingReversalAtEnd> pending = [];
        private readonly List<SaleStart> saleStarts = [];

        private static LedgerKey Key(string stan) => new(Terminal, Batch, stan);

        /// <param name="requestAt">When the 0200 reached the host (default: as the sale began); a pending reversal goes before it.</param>
        public HistoryDraft Sale(string stan, OperationOutcome outcome, string terminalResult, long at, long amount = Amount, long? completed = null, long? requestAt = null,
            bool approvalTakenIn = false)
        {
            operations.Add(new SaleOperation(Key(stan), amount, at * Second, (completed ?? at + 31) * Second, outcome, terminalResult)
            {
                ApprovalTakenIn = approvalTakenIn,
                Trial = new TrialReference(operations.Count + 1, "sweep", operations.Count + 1, at),
            });
            messages.Add(new HostMessage(HostMessageKind.SaleRequest, Key(stan), stan, null, ((requestAt ?? at) * Second) + 1, "c1") { AmountMinorUnits = amount });
            return this;
        }

        public HistoryDraft Debit(string stan, long at, long amount = Amount)
        {
            ledger.Add(new LedgerEntry(Key(stan), LedgerEntryKind.Debit, amount, at * Second));
            return this;
        }

        public HistoryDraft Reply(string stan, string code, long at)
        {
            messages.Add(new HostMessage(HostMessageKind.SaleReply, Key(stan), stan, code, at * Second, "c1"));
            return this;
        }

        /// <param name="booked">What the host booked for it: a reversal by default, null for an attempt that never reached the ledger.</param>
        public HistoryDraft Reversal(string originalStan, string reason, double at, string? stan = null, LedgerEntryKind? booked = LedgerEntryKind.Reversal)
        {
            var time = (long)(at * Second);
            messages.Add(new HostMessage(HostMessageKind.ReversalRequest, Key(originalStan), stan ?? originalStan, reason, time, "c2"));
            if (booked is { } kind)
            {
                var debited = ledger.Where(entry => entry.Key == Key(originalStan) && entry.Kind == LedgerEntryKind.Debit).Sum(entry => entry.NetEffectMinorUnits);
                var effect = kind == LedgerEntryKind.Reversal ? -(debited == 0 ? Amount : debited) : 0;
                ledger.Add(new LedgerEntry(Key(originalStan), kind, effect, time) { ReversalReason = reason });
            }
            return this;
        }

        /// <summary>A sale that ended before any request left (its pending reversal could not be sent).</summary>
        public HistoryDraft SaleWithoutRequest(long at)
        {
            saleStarts.Add(new SaleStart(Terminal, at * Second));
            return this;
        }

        public HistoryDraft PendingAtEnd(string stan, long at)
        {
            pending.Add(new PendingReversalAtEnd(Key(stan), at * Second));
            return this;
        }

        public TransactionHistory Build() => new(
            operations, messages, ledger, [], pending, new Dictionary<string, int> { [Terminal] = resendCount },
            Math.Max(ledger.Select(entry => entry.TimestampNanoseconds).DefaultIfEmpty(0).Max(), 200 * Second))
        {
            SaleStarts = saleStarts,
        };
    }
}
