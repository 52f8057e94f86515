using System.Globalization;
using System.Text.Json;
using Bench.Codec;
using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>
/// Judges a run's history against the host's ledger (DESIGN.md §8): per transaction (TID + batch + STAN) the net
/// debit must be the amount when the terminal approved and zero otherwise, a sale whose outcome the terminal did
/// not know must be reversed before its next sale, with the reason its case requires, under the original STAN and
/// within the resend count. Pure: the same history always gives the same report.
/// </summary>
public static class MoneyChecker
{
    private const double NanosecondsPerSecond = 1e9;

    /// <summary>Every reason a reversal can carry: what is allowed when the bench cannot tell which case the terminal was in.</summary>
    private static readonly string[] AnyReason =
        [ResponseCodes.ReversalNoResponse, ResponseCodes.ReversalTerminalError, ResponseCodes.MacFailure, ResponseCodes.ReversalCannotStore];

    public static CheckerReport Check(TransactionHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var operations = history.Operations.GroupBy(operation => operation.Key).ToDictionary(group => group.Key, group => group.OrderBy(o => o.InvokedNanoseconds).First());
        var messages = history.Messages.GroupBy(message => message.Key)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<HostMessage>)[.. group.OrderBy(message => message.TimestampNanoseconds)]);
        var ledger = history.Ledger.GroupBy(entry => entry.Key)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<LedgerEntry>)[.. group.OrderBy(entry => entry.TimestampNanoseconds)]);
        var pending = history.PendingAtEnd.Select(reversal => reversal.Key).ToHashSet();
        var saleRequests = history.Messages.Where(message => message.Kind == HostMessageKind.SaleRequest).OrderBy(message => message.TimestampNanoseconds).ToList();
        var saleStartsByTerminal = history.Operations.Select(operation => new SaleStart(operation.Key.TerminalId, operation.InvokedNanoseconds))
            .Concat(history.SaleStarts).GroupBy(start => start.TerminalId)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<long>)[.. group.Select(start => start.InvokedNanoseconds).Distinct().Order()]);

        var keys = operations.Keys.Concat(messages.Keys).Concat(ledger.Keys).Concat(pending).Distinct();
        var verdicts = new List<TransactionVerdict>();
        var violations = new List<(long Invoked, CheckerViolation Violation)>();
        foreach (var key in keys)
        {
            var context = new TransactionFacts(
                key,
                operations.GetValueOrDefault(key),
                messages.GetValueOrDefault(key) ?? [],
                ledger.GetValueOrDefault(key) ?? [],
                pending.Contains(key));
            var protocol = CheckProtocol(context, history, saleRequests, saleStartsByTerminal, operations);
            var verdict = Judge(context, history, protocol);
            verdicts.Add(verdict);
            if (verdict.Class is not (TransactionClass.Clean or TransactionClass.Compensated))
            {
                violations.Add((verdict.InvokedNanoseconds, new CheckerViolation(ClassName(verdict.Class), verdict.LedgerKey, verdict.Trial, verdict.WhatHappened)
                {
                    Fatal = CheckerReport.FatalClasses.Contains(verdict.Class),
                }));
            }
            violations.AddRange(protocol.Select(broken => (verdict.InvokedNanoseconds, new CheckerViolation(broken.Name, verdict.LedgerKey, verdict.Trial, broken.WhatHappened))));
        }

        verdicts.Sort((left, right) => left.InvokedNanoseconds != right.InvokedNanoseconds
            ? left.InvokedNanoseconds.CompareTo(right.InvokedNanoseconds)
            : string.CompareOrdinal(left.LedgerKey, right.LedgerKey));
        var tallies = verdicts.GroupBy(verdict => verdict.Class).OrderBy(group => group.Key).Select(Tally).ToList();
        var conservation = new Conservation(
            verdicts.Sum(verdict => verdict.NetDebitMinorUnits),
            verdicts.Where(verdict => verdict.Outcome == OperationOutcome.Approved || verdict.ApprovalKept).Sum(verdict => verdict.AmountMinorUnits));
        return new CheckerReport(verdicts, tallies, [.. violations.OrderBy(entry => entry.Invoked).Select(entry => entry.Violation)], conservation);
    }

    /// <summary>The camelCase name a class has in summary.json and checker.json.</summary>
    public static string ClassName(TransactionClass transactionClass) => JsonNamingPolicy.CamelCase.ConvertName(transactionClass.ToString());

    private static ClassTally Tally(IGrouping<TransactionClass, TransactionVerdict> group)
    {
        var ordered = group.ToList();
        var worst = ordered
            .OrderByDescending(verdict => verdict.MoneyAtStakeMinorUnits)
            .ThenByDescending(verdict => verdict.ExposureSeconds)
            .First();
        return new ClassTally(group.Key, ordered.Count, Occurrence(ordered[0]), Occurrence(worst), Occurrence(ordered[^1]));
    }

    private static ClassOccurrence Occurrence(TransactionVerdict verdict) => new(verdict.LedgerKey, verdict.Trial, verdict.WhatHappened);

    private static TransactionVerdict Judge(TransactionFacts facts, TransactionHistory history, IReadOnlyList<(string Name, string WhatHappened)> protocol)
    {
        var operation = facts.Operation;
        var entries = facts.Ledger;
        var debits = entries.Where(entry => entry.Kind == LedgerEntryKind.Debit).ToList();
        var reversals = entries.Count(entry => entry.Kind == LedgerEntryKind.Reversal);
        var duplicateReversals = entries.Count(entry => entry.Kind == LedgerEntryKind.DuplicateReversal);
        var reversalsWithoutDebit = entries.Count(entry => entry.Kind == LedgerEntryKind.ReversalWithoutDebit);
        var net = entries.Sum(entry => entry.NetEffectMinorUnits);
        var saleRequest = facts.Messages.FirstOrDefault(message => message.Kind == HostMessageKind.SaleRequest);
        var amount = operation?.AmountMinorUnits ?? saleRequest?.AmountMinorUnits ?? debits.FirstOrDefault()?.NetEffectMinorUnits ?? 0;
        var outcome = operation?.Outcome ?? OperationOutcome.Unknown;
        var reversalRequests = facts.Messages.Where(message => message.Kind == HostMessageKind.ReversalRequest).ToList();
        var keptApproval = KeptApproval(facts);
        var expected = outcome == OperationOutcome.Approved || keptApproval ? amount : 0;
        // A reversal repeated under a new STAN is a second reversal to a host that keys reversals by STAN.
        var repeatedUnderNewStan = reversalRequests.Count > 1 && reversalRequests.Any(request => request.Stan != facts.Key.Stan);

        TransactionClass transactionClass;
        if (net < 0 || repeatedUnderNewStan) transactionClass = TransactionClass.DoubleReversal;
        else if (facts.PendingAtEnd) transactionClass = TransactionClass.ReversalPendingAtEnd;
        else if (net > expected && debits.Count > 1) transactionClass = TransactionClass.DuplicateDebit;
        else if (net > expected) transactionClass = TransactionClass.OrphanDebit;
        else if (net < expected) transactionClass = TransactionClass.ApprovedWithoutDebit;
        else if (debits.Count == 0 && reversalsWithoutDebit > 0) transactionClass = TransactionClass.ReversalWithoutDebit;
        else if (debits.Count > 0 && reversals > 0) transactionClass = TransactionClass.Compensated;
        else transactionClass = TransactionClass.Clean;

        var invoked = operation?.InvokedNanoseconds ?? saleRequest?.TimestampNanoseconds ?? entries.FirstOrDefault()?.TimestampNanoseconds
            ?? facts.Messages.FirstOrDefault()?.TimestampNanoseconds ?? history.EndNanoseconds;
        var exposure = 0.0;
        if (outcome != OperationOutcome.Approved && debits.Count > 0)
        {
            // Held from the first debit until the ledger came back to zero, or to the end of the run.
            var running = 0L;
            long? back = null;
            foreach (var entry in entries)
            {
                running += entry.NetEffectMinorUnits;
                if (entry.TimestampNanoseconds >= debits[0].TimestampNanoseconds && running <= 0 && entry.Kind != LedgerEntryKind.Debit)
                {
                    back = entry.TimestampNanoseconds;
                    break;
                }
            }
            exposure = Math.Max(0, ((back ?? history.EndNanoseconds) - debits[0].TimestampNanoseconds) / NanosecondsPerSecond);
        }

        var attempts = reversalRequests.Select(request => new ReversalAttempt(
            request.Stan,
            request.ResponseCode,
            facts.Messages.FirstOrDefault(reply => reply.Kind == HostMessageKind.ReversalReply && reply.TimestampNanoseconds >= request.TimestampNanoseconds
                && reply.ConnectionId == request.ConnectionId)?.ResponseCode,
            Math.Round((request.TimestampNanoseconds - invoked) / NanosecondsPerSecond, 6))).ToList();
        var terminalResult = operation?.TerminalResult ?? "NotObserved";
        var trial = operation?.Trial;
        var role = operation?.Role ?? TransactionRole.Other;
        var injections = trial is null
            ? []
            : history.Injections.Where(span => span.Trial?.TrialId == trial.TrialId).Select(span => InjectionText(span, invoked)).ToList();

        var text = Describe(transactionClass, role, terminalResult, amount, net, debits.Count, reversals, duplicateReversals, reversalsWithoutDebit, attempts, facts.PendingAtEnd);
        if (keptApproval) text += " (the terminal had taken the approval in and kept the sale before its power went)";
        var earlyReversal = entries.FirstOrDefault(entry => entry.Kind == LedgerEntryKind.ReversalWithoutDebit);
        if (earlyReversal is not null && debits.Count > 0 && earlyReversal.TimestampNanoseconds < debits[0].TimestampNanoseconds)
        {
            // A late original: the host had nothing to reverse when the reversal came, then booked the sale.
            text += $" (the reversal reached the host {Seconds(debits[0].TimestampNanoseconds - earlyReversal.TimestampNanoseconds)} before the sale request did, and the host booked the late sale anyway)";
        }
        return new TransactionVerdict(
            facts.Key.ToString(), transactionClass, role, trial, amount, outcome, terminalResult, net,
            Math.Abs(net - expected), Math.Round(exposure, 6), text)
        {
            ApprovalKept = keptApproval,
            Debits = debits.Count,
            Reversals = reversals,
            DuplicateReversals = duplicateReversals,
            ReversalsWithoutDebit = reversalsWithoutDebit,
            ReversalRequests = attempts,
            ReversalPendingAtEnd = facts.PendingAtEnd,
            Injections = injections,
            ProtocolViolations = [.. protocol.Select(broken => broken.Name).Distinct()],
            InvokedNanoseconds = invoked,
        };
    }

    private static IReadOnlyList<(string Name, string WhatHappened)> CheckProtocol(
        TransactionFacts facts, TransactionHistory history, IReadOnlyList<HostMessage> saleRequests,
        IReadOnlyDictionary<string, IReadOnlyList<long>> saleStartsByTerminal, IReadOnlyDictionary<LedgerKey, SaleOperation> operations)
    {
        var broken = new List<(string, string)>();
        var key = facts.Key;
        var operation = facts.Operation;
        var reversals = facts.Messages.Where(message => message.Kind == HostMessageKind.ReversalRequest).ToList();

        foreach (var request in reversals.Where(request => request.Stan != key.Stan))
        {
            broken.Add((ProtocolExpectations.ReversalWithNewStan,
                $"a reversal of STAN {key.Stan} went out under STAN {request.Stan}: a host that keys reversals by STAN credits it twice"));
        }

        if (operation is null || KeptApproval(facts)) return broken;
        if (operation.Outcome == OperationOutcome.Approved && facts.Ledger.Any(entry => entry.Kind == LedgerEntryKind.ReplyMacCorrupted))
        {
            broken.Add((ProtocolExpectations.MacFailureIgnored,
                "the host's reply carried a MAC that does not verify, yet the terminal showed Approved: the approval must not stand, "
                + "and no reversal with reason A0 reached the host"));
        }
        if (operation.Outcome != OperationOutcome.Unknown)
        {
            if (reversals.Count > 0)
                broken.Add((ProtocolExpectations.UnexpectedReversal,
                    $"the terminal showed {operation.TerminalResult}, yet reversed the sale ({Reasons(reversals)})"));
            return broken;
        }

        // The sale left the terminal and its outcome is unknown to it: its reversal is due.
        var saleRequest = facts.Messages.FirstOrDefault(message => message.Kind == HostMessageKind.SaleRequest);
        var saleTime = saleRequest?.TimestampNanoseconds ?? operation.InvokedNanoseconds;
        // A later sale, not an earlier one whose request the network delivered late.
        var nextSale = saleRequests.FirstOrDefault(request => request.Key.TerminalId == key.TerminalId && request.Key != key
            && request.TimestampNanoseconds > saleTime
            && (!operations.TryGetValue(request.Key, out var other) || other.InvokedNanoseconds > operation.InvokedNanoseconds));
        if (reversals.Count == 0)
        {
            if (!facts.PendingAtEnd)
            {
                broken.Add((ProtocolExpectations.MissingReversal,
                    $"the terminal showed {operation.TerminalResult} and no reversal reached the host"
                    + (nextSale is null ? " by the end of the run" : $" before its next sale (STAN {nextSale.Stan}) or since")
                    + (LedgerKeys.ReachedHost(key) ? "" : " (the sale request never reached the host either)")));
            }
            return broken;
        }

        var first = reversals[0];
        var replied = facts.Messages.Any(message => message.Kind == HostMessageKind.SaleReply
            && message.TimestampNanoseconds <= (operation.CompletedNanoseconds ?? first.TimestampNanoseconds));
        var allowed = ExpectedReasons(operation.TerminalResult, replied);
        if (first.ResponseCode is null || !allowed.Contains(first.ResponseCode))
        {
            broken.Add((ProtocolExpectations.WrongReversalReason,
                $"the terminal showed {operation.TerminalResult}{(replied ? " after the host had replied" : " without a reply")}, "
                + $"so the reversal's reason must be {string.Join(" or ", allowed)}; it was {first.ResponseCode ?? "absent"}"));
        }

        if (nextSale is not null && nextSale.TimestampNanoseconds < first.TimestampNanoseconds)
        {
            broken.Add((ProtocolExpectations.SaleBeforeReversal,
                $"the next sale (STAN {nextSale.Stan}) reached the host {Seconds(first.TimestampNanoseconds - nextSale.TimestampNanoseconds)} before the reversal"));
        }

        if (history.ReversalResendCounts.TryGetValue(key.TerminalId, out var resends))
        {
            // Attempts are counted per sale that carried them: a reversal kept pending may be tried again by each later sale.
            var allowedAttempts = resends + 1;
            var saleStarts = saleStartsByTerminal.GetValueOrDefault(key.TerminalId) ?? [];
            foreach (var burst in reversals.GroupBy(request => CarryingSale(saleStarts, request.TimestampNanoseconds)))
            {
                var count = burst.Count();
                if (count > allowedAttempts)
                    broken.Add((ProtocolExpectations.TooManyReversalAttempts,
                        $"{count} reversal attempts within one sale; resend count {resends} allows {allowedAttempts}"));
            }
        }
        return broken;
    }

    /// <summary>
    /// An unknown outcome that ends "at the amount with an approval" (DESIGN.md §8): the terminal took the approval in,
    /// lost its power before showing it, kept the sale in its journal and neither reversed it nor holds a reversal.
    /// </summary>
    private static bool KeptApproval(TransactionFacts facts) =>
        facts.Operation is { Outcome: OperationOutcome.Unknown, ApprovalTakenIn: true } && !facts.PendingAtEnd
        && !facts.Messages.Any(message => message.Kind == HostMessageKind.ReversalRequest);

    /// <summary>The reasons a reversal may carry given what the terminal showed (DESIGN.md §5).</summary>
    public static IReadOnlyList<string> ExpectedReasons(string terminalResult, bool hostReplied) => terminalResult switch
    {
        nameof(Bench.Hardware.Ecr.EcrSaleOutcome.MacError) => [ResponseCodes.MacFailure],
        // A timed-out terminal never took a reply in: nothing changed the record's first reason.
        nameof(Bench.Hardware.Ecr.EcrSaleOutcome.Timeout) => [ResponseCodes.ReversalNoResponse],
        // The link broke before a reply, or an approval could not be stored.
        nameof(Bench.Hardware.Ecr.EcrSaleOutcome.CommunicationError) => hostReplied
            ? [ResponseCodes.ReversalNoResponse, ResponseCodes.ReversalCannotStore, ResponseCodes.ReversalTerminalError]
            : [ResponseCodes.ReversalNoResponse],
        _ => hostReplied ? AnyReason : [ResponseCodes.ReversalNoResponse],
    };

    /// <summary>The terminal's sale during which a reversal went out: the last one begun at or before it (-1: none).</summary>
    private static long CarryingSale(IReadOnlyList<long> saleStarts, long timestamp)
    {
        var carrying = -1L;
        foreach (var start in saleStarts)
        {
            if (start > timestamp) break;
            carrying = start;
        }
        return carrying;
    }

    private static string Describe(
        TransactionClass transactionClass, TransactionRole role, string terminalResult, long amount, long net, int debits, int reversals,
        int duplicateReversals, int reversalsWithoutDebit, IReadOnlyList<ReversalAttempt> attempts, bool pendingAtEnd)
    {
        var sale = role switch
        {
            TransactionRole.FlushSale => "flush sale",
            TransactionRole.FinalSettle => "final-settle sale",
            TransactionRole.Other => "sale",
            _ => "trial sale",
        };
        var text = $"{sale} of {Number(amount)}: terminal showed {terminalResult}; host booked {debits} debit(s)";
        if (reversals + duplicateReversals + reversalsWithoutDebit > 0)
            text += $", {reversals} reversal(s)" + (duplicateReversals > 0 ? $" + {duplicateReversals} duplicate" : "")
                + (reversalsWithoutDebit > 0 ? $" + {reversalsWithoutDebit} without debit" : "");
        text += $", net {Number(net)}";
        if (attempts.Count > 0) text += $"; reversal requests: {string.Join(", ", attempts.Select(a => $"STAN {a.Stan} reason {a.Reason ?? "-"} at +{a.SecondsAfterSale:0.###} s → {a.HostResponse ?? "no reply"}"))}";
        return text + transactionClass switch
        {
            TransactionClass.OrphanDebit => "; no reversal will bring the money back",
            TransactionClass.DuplicateDebit => "; the customer was charged more than once",
            TransactionClass.DoubleReversal => net < 0 ? "; the host credited more than it debited" : "; a reversal was repeated under a new STAN",
            TransactionClass.ReversalPendingAtEnd => pendingAtEnd ? "; the terminal still holds the reversal after the final settle" : "",
            TransactionClass.ApprovedWithoutDebit => "; the receipt says paid, the ledger does not",
            _ => "",
        };
    }

    private static string Reasons(IEnumerable<HostMessage> reversals) =>
        "reason " + string.Join(", ", reversals.Select(reversal => reversal.ResponseCode ?? "-"));

    private static string InjectionText(InjectionSpan span, long saleNanoseconds)
    {
        var text = $"{span.What}: applied {Offset(span.AppliedNanoseconds - saleNanoseconds)}";
        return span.ReleasedNanoseconds is { } released ? text + $", released {Offset(released - saleNanoseconds)}" : text + ", never released";
    }

    private static string Offset(long nanoseconds) =>
        (nanoseconds >= 0 ? "+" : "") + (nanoseconds / NanosecondsPerSecond).ToString("0.###", CultureInfo.InvariantCulture) + " s from the sale";

    private static string Seconds(long nanoseconds) => (nanoseconds / NanosecondsPerSecond).ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything the history holds about one key.</summary>
    private sealed record TransactionFacts(
        LedgerKey Key, SaleOperation? Operation, IReadOnlyList<HostMessage> Messages, IReadOnlyList<LedgerEntry> Ledger, bool PendingAtEnd);
}
