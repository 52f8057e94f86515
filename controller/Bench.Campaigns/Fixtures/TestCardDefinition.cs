namespace Bench.Campaigns.Fixtures;

/// <summary>
/// A magstripe test card as fixtures describe it (fixtures/cards/*.yaml): the track-2 parts, not
/// the encoding (the codec builds track 2). <paramref name="Expiry"/> is YYMM as on track 2.
/// Log it through <see cref="MaskedPan"/>: PANs are masked everywhere outside the card file.
/// </summary>
public sealed record TestCardDefinition(
    string Label,
    string Pan,
    string Expiry,
    string ServiceCode,
    string DiscretionaryData)
{
    /// <summary>First 6 and last 4 digits, the rest as '*'.</summary>
    public string MaskedPan => Bench.Codec.PanMask.Mask(Pan);

    public override string ToString() => $"{Label} ({MaskedPan})";
}
