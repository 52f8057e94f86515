namespace Bench.Codec.Encoding;

/// <summary>an/ans fields, fixed or LL/LLL: one byte per character (Latin-1, so any byte round-trips).</summary>
internal sealed class AlphanumericEncoder : IFieldEncoder
{
    public void Encode(FieldDefinition field, string value, WireWriter writer)
    {
        var element = FieldElements.Name(field.Number);
        if (field.IsFixed && value.Length != field.MaxLength)
            throw new IsoEncodeException(element, $"needs exactly {field.MaxLength} characters, has {value.Length}");
        if (value.Length > field.MaxLength)
            throw new IsoEncodeException(element, $"{value.Length} characters exceed the maximum {field.MaxLength}");
        if (!field.IsFixed) Bcd.WriteLength(writer, value.Length, field.LengthDigits);
        var bytes = writer.Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] > 0xFF) throw new IsoEncodeException(element, $"character U+{(int)value[i]:X4} at position {i} is not one byte");
            bytes[i] = (byte)value[i];
        }
    }

    public string Decode(FieldDefinition field, ref WireReader reader)
    {
        var element = FieldElements.Name(field.Number);
        var length = field.MaxLength;
        if (!field.IsFixed)
        {
            var prefixOffset = reader.Offset;
            length = Bcd.ReadLength(ref reader, field.LengthDigits, element);
            if (length > field.MaxLength)
                throw new IsoDecodeException(element, prefixOffset, $"length {length} exceeds the maximum {field.MaxLength}");
        }
        return System.Text.Encoding.Latin1.GetString(reader.Take(length, element));
    }
}
