namespace Bench.Codec.Encoding;

/// <summary>an/ans fields, fixed or LL/LLL: one byte per character (Latin-1, so any byte round-trips).</summary>
internal sealed class AlphanumericEncoder : IFieldEncoder
{
    public void Encode(FieldDefinition field, string value, WireWriter writer)
    {
        FieldLength.Write(field, value.Length, "characters", writer);
        var bytes = writer.Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] > 0xFF)
                throw new IsoEncodeException(FieldElements.Name(field.Number), $"character U+{(int)value[i]:X4} at position {i} is not one byte");
            bytes[i] = (byte)value[i];
        }
    }

    public string Decode(FieldDefinition field, ref WireReader reader)
    {
        var length = FieldLength.Read(field, ref reader);
        return System.Text.Encoding.Latin1.GetString(reader.Take(length, FieldElements.Name(field.Number)));
    }
}
