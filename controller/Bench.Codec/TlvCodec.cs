namespace Bench.Codec;

/// <summary>
/// BER-TLV as EMV uses it in field 55: tags of one to three bytes (low five bits 11111 mean
/// "more tag bytes follow"), definite lengths in short form (&lt; 128) or long form (81 xx, 82 xx xx).
/// Errors name field 55 and the byte offset within the field's value.
/// </summary>
public static class TlvCodec
{
    public static IReadOnlyList<Tlv> Decode(ReadOnlySpan<byte> data)
    {
        var items = new List<Tlv>();
        var offset = 0;
        while (offset < data.Length)
        {
            var start = offset;
            if (data[offset] is 0x00 or 0xFF) { offset++; continue; } // padding between objects
            uint tag = data[offset++];
            if ((tag & 0x1F) == 0x1F)
            {
                do
                {
                    if (offset >= data.Length) throw Error(start, "tag truncated");
                    if (tag > 0xFFFF) throw Error(start, "tag longer than 3 bytes");
                    tag = tag << 8 | data[offset];
                } while ((data[offset++] & 0x80) != 0);
            }
            if (offset >= data.Length) throw Error(offset, $"length of tag {tag:X} missing");
            int length = data[offset++];
            if (length > 0x80)
            {
                var lengthBytes = length & 0x7F;
                if (lengthBytes > 2) throw Error(offset - 1, $"length of {lengthBytes} bytes is not supported");
                if (offset + lengthBytes > data.Length) throw Error(offset, "length truncated");
                length = 0;
                for (var i = 0; i < lengthBytes; i++) length = length << 8 | data[offset++];
            }
            else if (length == 0x80) throw Error(offset - 1, "indefinite length is not allowed");
            if (offset + length > data.Length) throw Error(offset, $"value of tag {tag:X} needs {length} bytes, {data.Length - offset} left");
            items.Add(new Tlv(tag, data.Slice(offset, length).ToArray()));
            offset += length;
        }
        return items;
    }

    public static byte[] Encode(IEnumerable<Tlv> items)
    {
        var output = new List<byte>();
        foreach (var item in items)
        {
            if (item.Tag > 0xFFFF) output.Add((byte)(item.Tag >> 16));
            if (item.Tag > 0xFF) output.Add((byte)(item.Tag >> 8));
            output.Add((byte)item.Tag);
            var length = item.Value.Length;
            if (length < 0x80) output.Add((byte)length);
            else if (length <= 0xFF) { output.Add(0x81); output.Add((byte)length); }
            else { output.Add(0x82); output.Add((byte)(length >> 8)); output.Add((byte)length); }
            output.AddRange(item.Value);
        }
        return [.. output];
    }

    private static IsoDecodeException Error(int offset, string reason) => new("field 55", offset, reason);
}
