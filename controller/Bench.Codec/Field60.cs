namespace Bench.Codec;

/// <summary>
/// Field 60's sub-fields: 60.1 transaction type code (n2), 60.2 batch number (n6),
/// 60.3 network-management information code (n3), then optional further digits kept verbatim.
/// </summary>
public sealed record Field60(string TypeCode, string Batch, string NetworkManagementCode = "000", string Rest = "")
{
    /// <summary>60.1 transaction type codes used by the bench (CUP numbering).</summary>
    public const string SaleTypeCode = "22";
    public const string BalanceTypeCode = "01";
    public const string VoidTypeCode = "23";
    public const string ManagementTypeCode = "00";

    /// <summary>60.3 network-management codes: single-DES sign-on, settlement and batch upload.</summary>
    public const string SignOnSingleDes = "001";
    public const string SettlementCode = "201";

    public override string ToString() => TypeCode + Batch + NetworkManagementCode + Rest;

    public static Field60 Parse(string value)
    {
        if (value.Length < 8 || !value.All(char.IsAsciiDigit))
            throw new FormatException($"field 60 '{value}' needs at least 8 digits (type code and batch)");
        return new Field60(
            value[..2],
            value[2..8],
            value.Length >= 11 ? value[8..11] : value[8..].PadRight(3, '0'),
            value.Length > 11 ? value[11..] : string.Empty);
    }
}
