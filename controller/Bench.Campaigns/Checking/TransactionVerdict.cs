namespace Bench.Campaigns.Checking;

/// <summary>One transaction as the checker judged it, with the evidence (checker.json lists every one).</summary>
/// <param name="LedgerKey">TID/batch/STAN.</param>
/// <param name="TerminalResult">What the terminal showed (its RESULT word, PowerLost, or NotObserved).</param>
/// <param name="NetDebitMinorUnits">Debits minus voids minus reversals in the host's ledger.</param>
/// <param name="MoneyAtStakeMinorUnits">How far the ledger is from what the terminal showed.</param>
/// <param name="ExposureSeconds">Wall seconds the money was held without an approval: to the reversal, or to the end of the run.</param>
public sealed record TransactionVerdict(
    string LedgerKey,
    TransactionClass Class,
    TransactionRole Role,
    TrialReference? Trial,
    long AmountMinorUnits,
    OperationOutcome Outcome,
    string TerminalResult,
    long NetDebitMinorUnits,
    long MoneyAtStakeMinorUnits,
    double ExposureSeconds,
    string WhatHappened)
{
    /// <summary>The terminal showed no result but had taken the approval in and kept the sale: it counts as approved.</summary>
    public bool ApprovalKept { get; init; }

    public int Debits { get; init; }
    public int Reversals { get; init; }
    public int DuplicateReversals { get; init; }
    public int ReversalsWithoutDebit { get; init; }
    public IReadOnlyList<ReversalAttempt> ReversalRequests { get; init; } = [];
    public bool ReversalPendingAtEnd { get; init; }

    /// <summary>Injections of the transaction's trial, with where they struck relative to the sale.</summary>
    public IReadOnlyList<string> Injections { get; init; } = [];

    /// <summary>The protocol expectations the transaction broke (<see cref="ProtocolExpectations"/> names).</summary>
    public IReadOnlyList<string> ProtocolViolations { get; init; } = [];

    /// <summary>When the sale began, on the monotonic clock (orders first and last).</summary>
    public long InvokedNanoseconds { get; init; }
}
