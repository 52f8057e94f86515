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
        FieldLength.Write(field, length, "bytes", writer);
        var status = Convert.FromHexString(value, writer.Reserve(length), out _, out _);
        if (status != System.Buffers.OperationStatus.Done)
            throw new IsoEncodeException(element, "value is not hex");
    }

    public string Decode(FieldDefinition field, ref WireReader reader)
    {
        var length = FieldLength.Read(field, ref reader);
        return Convert.ToHexString(reader.Take(length, FieldElements.Name(field.Number)));
    }
}
