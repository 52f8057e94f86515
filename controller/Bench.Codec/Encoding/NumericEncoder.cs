namespace Bench.Codec.Encoding;

/// <summary>n and z fields, fixed or LL/LLL: BCD digits, left-aligned; the prefix counts digits.</summary>
internal sealed class NumericEncoder(bool track) : IFieldEncoder
{
    public void Encode(FieldDefinition field, string value, WireWriter writer)
    {
        var element = FieldElements.Name(field.Number);
        if (field.IsFixed && value.Length != field.MaxLength)
            throw new IsoEncodeException(element, $"needs exactly {field.MaxLength} digits, has {value.Length}");
        if (value.Length > field.MaxLength)
            throw new IsoEncodeException(element, $"{value.Length} digits exceed the maximum {field.MaxLength}");
        if (!field.IsFixed) Bcd.WriteLength(writer, value.Length, field.LengthDigits);
        Bcd.Write(value, writer.Reserve(Bcd.ByteCount(value.Length)), track, element);
    }

    public string Decode(FieldDefinition field, ref WireReader reader)
    {
        var element = FieldElements.Name(field.Number);
        var digits = field.MaxLength;
        if (!field.IsFixed)
        {
            var prefixOffset = reader.Offset;
            digits = Bcd.ReadLength(ref reader, field.LengthDigits, element);
            if (digits > field.MaxLength)
                throw new IsoDecodeException(element, prefixOffset, $"length {digits} exceeds the maximum {field.MaxLength}");
        }
        var offset = reader.Offset;
        return Bcd.Read(reader.Take(Bcd.ByteCount(digits), element), digits, track, element, offset);
    }
}
