namespace Bench.Host;

/// <summary>
/// One booking. <see cref="NetEffectMinorUnits"/> is what it adds to the key's net debit:
/// positive for a debit, negative for a void or reversal, zero for a duplicate reversal or a
/// reversal without debit, and for the refusals (a MAC rejected, a duplicate transmission).
/// </summary>
public sealed record LedgerEntry(
    LedgerKey Key,
    LedgerEntryKind Kind,
    long NetEffectMinorUnits,
    long TimestampNanoseconds)
{
    public string? ConnectionId { get; init; }
    public string? RetrievalReferenceNumber { get; init; }
    /// <summary>Field 39 of a reversal request: 98 no response, 06 terminal error, A0 MAC failure, 96 cannot store.</summary>
    public string? ReversalReason { get; init; }
    /// <summary>The MTI of the request a <see cref="LedgerEntryKind.MacRejected"/> or <see cref="LedgerEntryKind.DuplicateTransmission"/> entry refused.</summary>
    public string? RequestMti { get; init; }
    /// <summary>For a duplicate transmission: the response code the original request got (its RRN is <see cref="RetrievalReferenceNumber"/>).</summary>
    public string? OriginalResponseCode { get; init; }

    public override string ToString() => $"{Kind} {Key} {NetEffectMinorUnits:+#;-#;0}";
}
