namespace Bench.Codec;

/// <summary>Field 39 values with a meaning to the bench: replies from the host and reversal reasons from the terminal.</summary>
public static class ResponseCodes
{
    public const string Approved = "00";
    public const string InsufficientFunds = "51";
    public const string SystemMalfunction = "96";
    public const string InvalidTransaction = "12";
    /// <summary>Asks the terminal to sign on again (so do 77 and A0).</summary>
    public const string ReSignOnRequired = "22";
    public const string BatchOrKeyMismatch = "77";
    /// <summary>The host already has a transaction with this terminal id, batch and STAN: nothing is booked again.</summary>
    public const string DuplicateTransmission = "94";

    /// <summary>Unable to locate the record: the host refuses an original that arrives after its own reversal.</summary>
    public const string OriginalAlreadyReversed = "25";

    /// <summary>Reversal reason: no response arrived.</summary>
    public const string ReversalNoResponse = "98";
    /// <summary>Reversal reason: a response arrived but the terminal could not complete.</summary>
    public const string ReversalTerminalError = "06";
    /// <summary>Reversal reason (and host reply): the MAC did not verify.</summary>
    public const string MacFailure = "A0";
    /// <summary>Reversal reason: an approved sale could not be stored.</summary>
    public const string ReversalCannotStore = "96";
}
