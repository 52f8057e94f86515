namespace Bench.Codec.Encoding;

/// <summary>
/// The length rules every field type shares: a fixed field has exactly its length, a variable one
/// at most its maximum behind an LL/LLL BCD prefix. <paramref name="unit"/> words the errors
/// ("digits", "characters", "bytes").
/// </summary>
internal static class FieldLength
{
    /// <summary>Checks <paramref name="length"/> against the field and writes the prefix of a variable field.</summary>
    public static void Write(FieldDefinition field, int length, string unit, WireWriter writer)
    {
        var element = FieldElements.Name(field.Number);
        if (field.IsFixed && length != field.MaxLength)
            throw new IsoEncodeException(element, $"needs exactly {field.MaxLength} {unit}, has {length}");
        if (length > field.MaxLength)
            throw new IsoEncodeException(element, $"{length} {unit} exceed the maximum {field.MaxLength}");
        if (!field.IsFixed) Bcd.WriteLength(writer, length, field.LengthDigits);
    }

    /// <summary>The field's length: its fixed length, or its prefix checked against the maximum.</summary>
    public static int Read(FieldDefinition field, ref WireReader reader)
    {
        if (field.IsFixed) return field.MaxLength;
        var element = FieldElements.Name(field.Number);
        var prefixOffset = reader.Offset;
        var length = Bcd.ReadLength(ref reader, field.LengthDigits, element);
        if (length > field.MaxLength)
            throw new IsoDecodeException(element, prefixOffset, $"length {length} exceeds the maximum {field.MaxLength}");
        return length;
    }
}
