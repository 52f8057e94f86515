namespace Bench.Codec;

/// <summary>What a terminal knows when it builds a card-present financial request.</summary>
public sealed record SaleDetails(MagneticStripeCard Card, long AmountMinorUnits, string Stan, string Batch)
{
    /// <summary>Encrypted PIN block (8 bytes) when a PIN was entered; null for no PIN.</summary>
    public byte[]? PinBlock { get; init; }

    /// <summary>Field 55 ICC data objects for a chip read; null for a swipe.</summary>
    public IReadOnlyList<Tlv>? IccData { get; init; }

    /// <summary>Track 3 data when the card has one.</summary>
    public string? Track3 { get; init; }
}
