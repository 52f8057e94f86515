namespace Bench.Campaigns.Checking;

/// <summary>
/// One thing that went wrong: a money class other than clean or compensated, or a broken protocol expectation.
/// </summary>
/// <param name="Class">A <see cref="TransactionClass"/> name in camelCase (orphanDebit …) or a <see cref="ProtocolExpectations"/> name.</param>
/// <param name="LedgerKey">TID/batch/STAN of the transaction.</param>
/// <param name="Trial">The trial it happened in; null for the final settle.</param>
/// <param name="WhatHappened">One sentence: what the terminal showed, what the ledger holds, what the reversal did.</param>
public sealed record CheckerViolation(string Class, string LedgerKey, TrialReference? Trial, string WhatHappened)
{
    /// <summary>True for the classes that fail a run: money lost, taken twice, or given back twice.</summary>
    public bool Fatal { get; init; }
}
