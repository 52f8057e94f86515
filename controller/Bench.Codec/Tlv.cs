namespace Bench.Codec;

/// <summary>One BER-TLV data object of field 55 (ICC data), e.g. tag 9F26 (application cryptogram).</summary>
public sealed record Tlv(uint Tag, byte[] Value)
{
    public string TagHex => Tag.ToString(Tag > 0xFFFF ? "X6" : Tag > 0xFF ? "X4" : "X2", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{TagHex}={Convert.ToHexString(Value)}";
}
