namespace Bench.Codec;

/// <summary>
/// The UnionPay-style ISO 8583:1987 field table (DESIGN.md §4). Read-only after construction.
/// </summary>
public sealed class CupFieldTable
{
    private readonly FieldDefinition?[] definitions = new FieldDefinition?[129];

    public static CupFieldTable Instance { get; } = new();

    private CupFieldTable()
    {
        FieldDefinition[] rows =
        [
            new(2, "primary account number", FieldType.VariableNumeric, 19, 2),
            new(3, "processing code", FieldType.Numeric, 6),
            new(4, "amount", FieldType.Numeric, 12),
            new(11, "system trace audit number", FieldType.Numeric, 6),
            new(12, "local time", FieldType.Numeric, 6),
            new(13, "local date", FieldType.Numeric, 4),
            new(14, "expiry date", FieldType.Numeric, 4),
            new(15, "settlement date", FieldType.Numeric, 4),
            new(22, "entry mode", FieldType.Numeric, 3),
            new(23, "card sequence number", FieldType.Numeric, 3),
            new(25, "condition code", FieldType.Numeric, 2),
            new(26, "PIN capture code", FieldType.Numeric, 2),
            new(32, "acquirer id", FieldType.VariableNumeric, 11, 2),
            new(35, "track 2", FieldType.VariableTrack, 37, 2),
            new(36, "track 3", FieldType.VariableTrack, 104, 3),
            new(37, "retrieval reference number", FieldType.Alphanumeric, 12),
            new(38, "authorization code", FieldType.Alphanumeric, 6),
            new(39, "response code", FieldType.Alphanumeric, 2),
            new(41, "terminal id", FieldType.Alphanumeric, 8),
            new(42, "merchant id", FieldType.Alphanumeric, 15),
            new(44, "additional response data", FieldType.VariableAlphanumeric, 25, 2),
            new(48, "additional data", FieldType.VariableNumeric, 322, 3),
            new(49, "currency code", FieldType.Alphanumeric, 3),
            new(52, "PIN block", FieldType.Binary, 8),
            new(53, "security control", FieldType.Numeric, 16),
            new(54, "balance amount", FieldType.VariableAlphanumeric, 20, 3),
            new(55, "ICC data", FieldType.VariableBinary, 255, 3),
            new(60, "reserved private (type, batch, network management)", FieldType.VariableNumeric, 19, 3),
            new(61, "original message", FieldType.VariableAlphanumeric, 29, 3),
            new(62, "reserved private", FieldType.VariableAlphanumeric, 512, 3),
            new(63, "reserved private", FieldType.VariableAlphanumeric, 163, 3),
            new(64, "message authentication code", FieldType.Binary, 8),
            new(90, "original data elements", FieldType.Numeric, 42),
            new(128, "message authentication code (secondary)", FieldType.Binary, 8),
        ];
        foreach (var row in rows) definitions[row.Number] = row;
    }

    /// <summary>The definition of a field, or null when the profile does not define it.</summary>
    public FieldDefinition? this[int number] => number is >= 2 and <= 128 ? definitions[number] : null;

    public IEnumerable<FieldDefinition> All => definitions.OfType<FieldDefinition>();
}
