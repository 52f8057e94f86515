namespace Bench.Codec.Encoding;

/// <summary>n and z fields, fixed or LL/LLL: BCD digits, left-aligned; the prefix counts digits.</summary>
internal sealed class NumericEncoder(bool track) : IFieldEncoder
{
    public void Encode(FieldDefinition field, string value, WireWriter writer)
    {
        FieldLength.Write(field, value.Length, "digits", writer);
        Bcd.Write(value, writer.Reserve(Bcd.ByteCount(value.Length)), track, FieldElements.Name(field.Number));
    }

    public string Decode(FieldDefinition field, ref WireReader reader)
    {
        var element = FieldElements.Name(field.Number);
        var digits = FieldLength.Read(field, ref reader);
        var offset = reader.Offset;
        return Bcd.Read(reader.Take(Bcd.ByteCount(digits), element), digits, track, element, offset);
    }
}
