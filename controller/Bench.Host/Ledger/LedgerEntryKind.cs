namespace Bench.Host;

/// <summary>What a ledger entry did to the customer's money.</summary>
public enum LedgerEntryKind
{
    /// <summary>An approved sale took the amount.</summary>
    Debit,

    /// <summary>An approved void gave an earlier sale's amount back (booked on the void's own key).</summary>
    Void,

    /// <summary>A reversal undid the key's debit (or void).</summary>
    Reversal,

    /// <summary>A further reversal of an already reversed key: acknowledged, nothing credited again.</summary>
    DuplicateReversal,

    /// <summary>A reversal for a key the host never booked: acknowledged, nothing credited.</summary>
    ReversalWithoutDebit,

    /// <summary>A request whose MAC was missing or wrong: refused with A0, nothing booked.</summary>
    MacRejected,

    /// <summary>A request repeating a transaction's terminal id, batch and STAN: refused with 94, nothing booked again.</summary>
    DuplicateTransmission,

    /// <summary>An original request that reached the host after its reversal had: refused, nothing booked.</summary>
    LateOriginalRefused,

    /// <summary>The host's reply for the key left with a MAC that does not verify (an injected fault): nothing booked.</summary>
    ReplyMacCorrupted,
}
