using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>
/// One sale as an operation on the run's history: invoked (the bench sent SALE), then completed with what the
/// terminal showed. Only sales whose request left the terminal (it assigned a STAN) are transactions.
/// </summary>
/// <param name="Key">TID + batch + STAN; the batch is <see cref="LedgerKeys.UnknownBatch"/> when the request never reached the host.</param>
/// <param name="InvokedNanoseconds">When the sale began, on the bench's monotonic clock.</param>
/// <param name="CompletedNanoseconds">When the terminal showed its result; null when it never did (power lost).</param>
/// <param name="TerminalResult">The terminal's own word: Approved, Declined, Timeout, CommunicationError, MacError, PowerLost …</param>
public sealed record SaleOperation(
    LedgerKey Key,
    long AmountMinorUnits,
    long InvokedNanoseconds,
    long? CompletedNanoseconds,
    OperationOutcome Outcome,
    string TerminalResult)
{
    public TransactionRole Role { get; init; } = TransactionRole.Trial;

    /// <summary>The trial the sale ran in (a flush sale: the trial it preceded); null for the final settle.</summary>
    public TrialReference? Trial { get; init; }

    /// <summary>
    /// The terminal took an approving reply in (its port said <c>RECEIVED 0210 … CODE 00</c>) but showed no result
    /// (its power went): its journal holds the sale, so the money may stay unless it reverses.
    /// </summary>
    public bool ApprovalTakenIn { get; init; }
}
