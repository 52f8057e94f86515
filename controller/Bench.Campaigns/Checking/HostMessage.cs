using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>
/// A sale or reversal frame on the host's side of the wire, as the history holds it.
/// </summary>
/// <param name="Key">The transaction's ledger key: a sale's own, a reversal's original (field 61).</param>
/// <param name="Stan">Field 11 as sent: a reversal must repeat the original sale's STAN.</param>
/// <param name="ResponseCode">Field 39: a reply's response code, a reversal's reason.</param>
/// <param name="TimestampNanoseconds">Taken in the thread that read or wrote the frame.</param>
public sealed record HostMessage(
    HostMessageKind Kind,
    LedgerKey Key,
    string Stan,
    string? ResponseCode,
    long TimestampNanoseconds,
    string ConnectionId)
{
    /// <summary>Field 4 of a sale request.</summary>
    public long? AmountMinorUnits { get; init; }
}
