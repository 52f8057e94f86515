namespace Bench.Campaigns.Checking;

/// <summary>What happened to one transaction's money, judged against the host's ledger (DESIGN.md §8). Ordered from harmless to worst.</summary>
public enum TransactionClass
{
    /// <summary>The ledger holds what the terminal showed: the amount for an approval, nothing otherwise, and no reversal was needed.</summary>
    Clean,

    /// <summary>Debited, the terminal did not approve, and a reversal brought the money back.</summary>
    Compensated,

    /// <summary>A reversal reached the host for a transaction it never booked: nothing credited, no money moved.</summary>
    ReversalWithoutDebit,

    /// <summary>The terminal printed an approval but the ledger holds less than the amount: the merchant was not paid.</summary>
    ApprovedWithoutDebit,

    /// <summary>The terminal still held the transaction's reversal after the final settle: the money may come back in a later run.</summary>
    ReversalPendingAtEnd,

    /// <summary>A reversal was repeated under a new STAN, or the host credited more than it debited.</summary>
    DoubleReversal,

    /// <summary>The host booked the transaction more than once and kept more than the terminal showed.</summary>
    DuplicateDebit,

    /// <summary>Debited, the terminal did not approve, and no reversal will bring it back: the customer's money is lost.</summary>
    OrphanDebit,
}
