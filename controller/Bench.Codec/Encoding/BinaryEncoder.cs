namespace Bench.Codec.Encoding;

/// <summary>b fields, fixed or LL/LLL: raw bytes on the wire, upper-case hex in the message; the prefix counts bytes.</summary>
internal sealed class BinaryEncoder : IFieldEncoder
{
    public void Encode(FieldDefinition field, string value, WireWriter writer)
    {
        var element = FieldElements.Name(field.Number);
        if (value.Length % 2 != 0)
            throw new IsoEncodeException(element, "hex value has an odd number of digits");
        var length = value.Length / 2;
        if (field.IsFixed && length != field.MaxLength)
            throw new IsoEncodeException(element, $"needs exactly {field.MaxLength} bytes, has {length}");
        if (length > field.MaxLength)
            throw new IsoEncodeException(element, $"{length} bytes exceed the maximum {field.MaxLength}");
        if (!field.IsFixed) Bcd.WriteLength(writer, length, field.LengthDigits);
        var status = Convert.FromHexString(value, writer.Reserve(length), out _, out _);
        if (status != System.Buffers.OperationStatus.Done)
            throw new IsoEncodeException(element, "value is not hex");
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
        return Convert.ToHexString(reader.Take(length, element));
    }
}
