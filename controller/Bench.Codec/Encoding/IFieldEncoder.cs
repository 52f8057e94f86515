namespace Bench.Codec.Encoding;

/// <summary>Writes and reads one field type. The field table says which encoder a field uses.</summary>
internal interface IFieldEncoder
{
    void Encode(FieldDefinition field, string value, WireWriter writer);

    string Decode(FieldDefinition field, ref WireReader reader);
}
