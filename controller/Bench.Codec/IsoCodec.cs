using Bench.Codec.Encoding;

namespace Bench.Codec;

/// <summary>
/// Encodes and decodes the body of a CUP frame: <c>[TPDU 5][header 6][MTI 2 BCD][bitmap 8|16][fields]</c>.
/// Data-driven: the field table names each field's type, and one encoder per type does the work.
/// Thread-safe; holds no mutable state.
/// </summary>
public sealed class IsoCodec
{
    /// <summary>Offset of the MTI in a body: everything MAC'd starts here.</summary>
    public const int MtiOffset = Tpdu.Length + MessageHeader.Length;

    private readonly CupFieldTable table;
    private readonly IFieldEncoder[] encoders;

    public IsoCodec(CupFieldTable table)
    {
        this.table = table;
        encoders = new IFieldEncoder[Enum.GetValues<FieldType>().Length];
        encoders[(int)FieldType.Numeric] = encoders[(int)FieldType.VariableNumeric] = new NumericEncoder(track: false);
        encoders[(int)FieldType.VariableTrack] = new NumericEncoder(track: true);
        encoders[(int)FieldType.Alphanumeric] = encoders[(int)FieldType.VariableAlphanumeric] = new AlphanumericEncoder();
        encoders[(int)FieldType.Binary] = encoders[(int)FieldType.VariableBinary] = new BinaryEncoder();
    }

    public static IsoCodec Cup { get; } = new(CupFieldTable.Instance);

    public CupFieldTable Table => table;

    /// <summary>The frame body (no length prefix).</summary>
    public byte[] Encode(IsoMessage message) => EncodeInto(message).ToArray();

    /// <summary>The whole frame: 2-byte big-endian length, then the body.</summary>
    public byte[] EncodeFrame(IsoMessage message)
    {
        var body = EncodeInto(message).WrittenSpan;
        if (body.Length > Framing.MaxBodyLength)
            throw new IsoEncodeException("length", $"body of {body.Length} bytes exceeds {Framing.MaxBodyLength}");
        var frame = new byte[Framing.PrefixLength + body.Length];
        Framing.WritePrefix(frame, body.Length);
        body.CopyTo(frame.AsSpan(Framing.PrefixLength));
        return frame;
    }

    /// <summary>The bytes a MAC covers: MTI through the last field before 64, with bit 64 set in the bitmap.</summary>
    public byte[] MacInput(IsoMessage message)
    {
        var body = EncodeInto(message.With(64, new string('0', 16)), stopBeforeField: 64).WrittenSpan;
        return body[MtiOffset..].ToArray();
    }

    public IsoMessage Decode(ReadOnlySpan<byte> body) => Decode(body, fieldOffsets: null);

    /// <summary>Decodes, noting where each present field (its length prefix first) starts in the body.</summary>
    /// <param name="fieldOffsets">129 slots; a present field's slot gets its start offset, the others are left alone.</param>
    internal IsoMessage Decode(ReadOnlySpan<byte> body, int[]? fieldOffsets)
    {
        var reader = new WireReader(body);
        var tpdu = Tpdu.ReadFrom(reader.Take(Tpdu.Length, "TPDU"));
        var header = MessageHeader.ReadFrom(reader.Take(MessageHeader.Length, "header"));

        var mtiOffset = reader.Offset;
        var mti = Bcd.Read(reader.Take(2, "MTI"), 4, track: false, "MTI", mtiOffset);
        if (!MessageTypes.IsKnown(mti))
            throw new IsoDecodeException("MTI", mtiOffset, $"unknown MTI {mti}");

        var bitmapOffset = reader.Offset;
        var primary = reader.Take(8, "bitmap");
        var hasSecondary = (primary[0] & 0x80) != 0;
        Span<byte> bitmap = stackalloc byte[16];
        primary.CopyTo(bitmap);
        if (hasSecondary) reader.Take(8, "secondary bitmap").CopyTo(bitmap[8..]);
        var lastField = hasSecondary ? 128 : 64;

        var fields = new string?[IsoMessage.FieldSlots];
        for (var number = 2; number <= lastField; number++)
        {
            if ((bitmap[(number - 1) >> 3] & (0x80 >> ((number - 1) & 7))) == 0) continue;
            var definition = table[number]
                ?? throw new IsoDecodeException("bitmap", bitmapOffset + ((number - 1) >> 3), $"field {number} is not defined in this profile");
            if (fieldOffsets is not null) fieldOffsets[number] = reader.Offset;
            fields[number] = encoders[(int)definition.Type].Decode(definition, ref reader);
        }

        if (reader.Remaining != 0)
            throw new IsoDecodeException("body", reader.Offset, $"{reader.Remaining} bytes after the last field");
        return new IsoMessage(mti, tpdu, header, fields);
    }

    /// <param name="stopBeforeField">Writes the full bitmap but no field from this number on (0: every field).</param>
    private WireWriter EncodeInto(IsoMessage message, int stopBeforeField = 0)
    {
        var writer = new WireWriter();
        message.Tpdu.WriteTo(writer.Reserve(Tpdu.Length));
        message.Header.WriteTo(writer.Reserve(MessageHeader.Length));

        if (message.Mti.Length != 4 || !message.Mti.All(char.IsAsciiDigit))
            throw new IsoEncodeException("MTI", $"'{message.Mti}' is not four digits");
        Bcd.Write(message.Mti, writer.Reserve(2), track: false, "MTI");

        var numbers = message.FieldNumbers.ToList();
        var hasSecondary = numbers.Count > 0 && numbers[^1] > 64;
        var bitmap = writer.Reserve(hasSecondary ? 16 : 8);
        bitmap.Clear();
        if (hasSecondary) bitmap[0] |= 0x80;
        foreach (var number in numbers)
            bitmap[(number - 1) >> 3] |= (byte)(0x80 >> ((number - 1) & 7));

        foreach (var number in numbers)
        {
            if (stopBeforeField > 0 && number >= stopBeforeField) break;
            var definition = table[number] ?? throw new IsoEncodeException($"field {number}", "not defined in this profile");
            encoders[(int)definition.Type].Encode(definition, message[number]!, writer);
        }
        return writer;
    }
}
