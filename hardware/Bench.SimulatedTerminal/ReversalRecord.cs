namespace Bench.SimulatedTerminal;

/// <summary>
/// The reversal-pending record the firmware keeps in flash (DESIGN.md §5): the original request,
/// exactly as sent, and the reason the 0400 will carry (98 no response, 06 response received,
/// A0 MAC failure, 96 could not store).
/// </summary>
/// <param name="OriginalRequestHex">The signed 0200 frame body as hex.</param>
public sealed record ReversalRecord(string Stan, string Reason, long AmountMinorUnits, string OriginalRequestHex, DateTimeOffset CreatedAt)
{
    /// <summary>Field 38 of the reply, when one arrived with an auth code.</summary>
    public string? AuthorizationCode { get; init; }
}
