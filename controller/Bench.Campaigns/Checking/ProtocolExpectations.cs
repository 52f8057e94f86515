namespace Bench.Campaigns.Checking;

/// <summary>
/// What the terminal's reversal must do (DESIGN.md §5), each the name of a violation when it did not: go out
/// before the next sale, with the reason the case requires, under the original STAN, within the resend count.
/// </summary>
public static class ProtocolExpectations
{
    /// <summary>The sale's outcome was unknown, it left the terminal, and no reversal ever reached the host nor stayed pending.</summary>
    public const string MissingReversal = "missingReversal";

    /// <summary>Field 39 of the reversal is not the reason the terminal's view of the sale calls for (98, 06, A0, 96).</summary>
    public const string WrongReversalReason = "wrongReversalReason";

    /// <summary>Field 11 of a reversal differs from the original sale's STAN.</summary>
    public const string ReversalWithNewStan = "reversalWithNewStan";

    /// <summary>The terminal's next sale reached the host before the reversal did.</summary>
    public const string SaleBeforeReversal = "saleBeforeReversal";

    /// <summary>More reversal attempts within one sale than the resend count allows (resends + 1).</summary>
    public const string TooManyReversalAttempts = "tooManyReversalAttempts";

    /// <summary>The host's 0210 carried a MAC that does not verify, yet the terminal showed the sale approved and sent no A0 reversal.</summary>
    public const string MacFailureIgnored = "macFailureIgnored";

    /// <summary>A reversal for a sale the terminal showed as approved or declined: nothing was due.</summary>
    public const string UnexpectedReversal = "unexpectedReversal";
}
