namespace Bench.Hardware.Ecr;

/// <summary>
/// How one sale ended, as the terminal told its ECR port. Timestamps are Stopwatch ticks taken
/// where the lines were read; null when the terminal never printed that line.
/// </summary>
/// <param name="Outcome">The <c>RESULT</c> word.</param>
/// <param name="Lines">Every line from the <c>SALE</c> command up to and including the <c>RESULT</c> line.</param>
public sealed record EcrSaleResult(long AmountMinorUnits, EcrSaleOutcome Outcome, IReadOnlyList<EcrLine> Lines)
{
    /// <summary>Field 37 of an approval.</summary>
    public string? RetrievalReferenceNumber { get; init; }

    /// <summary>Field 38 of an approval.</summary>
    public string? AuthorizationCode { get; init; }

    /// <summary>Field 39 of a decline.</summary>
    public string? ResponseCode { get; init; }

    /// <summary>The STAN of the 0200 from the <c>SENT 0200 STAN</c> line; null when no 0200 left.</summary>
    public string? Stan { get; init; }

    /// <summary>When the command was written (Stopwatch ticks, taken just before the write).</summary>
    public long CommandTimestamp { get; init; }

    public long? AcknowledgedTimestamp { get; init; }
    public long? RequestSentTimestamp { get; init; }
    public long ResultTimestamp { get; init; }

    /// <summary>True when the terminal reported <c>NO CARRIER</c> during the sale.</summary>
    public bool CarrierLost { get; init; }

    /// <summary>The STANs of reversals the terminal sent before this sale's request.</summary>
    public IReadOnlyList<string> ReversalsSent { get; init; } = [];

    /// <summary>Only an approval means the terminal showed the customer as debited.</summary>
    public bool IsApproved => Outcome == EcrSaleOutcome.Approved;
}
