namespace Bench.Codec;

/// <summary>
/// One row of the field table. <paramref name="MaxLength"/> counts digits for numeric and track
/// fields, characters for alphanumeric fields and bytes for binary fields (a b64 field is 8).
/// <paramref name="LengthDigits"/> is 0 for fixed fields, 2 for LL, 3 for LLL.
/// </summary>
public sealed record FieldDefinition(int Number, string Name, FieldType Type, int MaxLength, int LengthDigits = 0)
{
    public bool IsFixed => LengthDigits == 0;

    public override string ToString() => $"field {Number} ({Name})";
}
