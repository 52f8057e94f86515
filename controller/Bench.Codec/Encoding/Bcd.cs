namespace Bench.Codec.Encoding;

/// <summary>Packed BCD, left-aligned: an odd digit count ends with a 0 pad nibble (<c>022</c> → <c>02 20</c>).</summary>
internal static class Bcd
{
    public static int ByteCount(int digits) => (digits + 1) / 2;

    /// <summary>Packs digits; when <paramref name="track"/> is set, '=' becomes nibble D.</summary>
    public static void Write(ReadOnlySpan<char> digits, Span<byte> destination, bool track, string element)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(digits, 2 * i, track, element);
            var low = 2 * i + 1 < digits.Length ? Nibble(digits, 2 * i + 1, track, element) : 0;
            destination[i] = (byte)(high << 4 | low);
        }
    }

    public static string Read(ReadOnlySpan<byte> source, int digits, bool track, string element, int offset)
    {
        Span<char> chars = digits <= 512 ? stackalloc char[digits] : new char[digits];
        for (var i = 0; i < chars.Length; i++)
        {
            var value = (i & 1) == 0 ? source[i >> 1] >> 4 : source[i >> 1] & 0x0F;
            chars[i] = value switch
            {
                <= 9 => (char)('0' + value),
                0xD when track => '=',
                _ => throw new IsoDecodeException(element, offset + (i >> 1), $"bad BCD digit {value:X}"),
            };
        }
        return new string(chars);
    }

    /// <summary>Reads a BCD length prefix of 2 (one byte) or 3 (two bytes, <c>0L LL</c>) digits.</summary>
    public static int ReadLength(ref WireReader reader, int lengthDigits, string element)
    {
        var offset = reader.Offset;
        var bytes = reader.Take(ByteCount(lengthDigits), element);
        var value = 0;
        foreach (var b in bytes)
        {
            int high = b >> 4, low = b & 0x0F;
            if (high > 9 || low > 9)
                throw new IsoDecodeException(element, offset, $"bad BCD digit in length prefix {b:X2}");
            value = value * 100 + high * 10 + low;
        }
        return value;
    }

    public static void WriteLength(WireWriter writer, int length, int lengthDigits)
    {
        var bytes = writer.Reserve(ByteCount(lengthDigits));
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            var pair = length % 100;
            length /= 100;
            bytes[i] = (byte)((pair / 10) << 4 | pair % 10);
        }
    }

    private static int Nibble(ReadOnlySpan<char> digits, int index, bool track, string element)
    {
        var c = digits[index];
        if (c is >= '0' and <= '9') return c - '0';
        if (track && c == '=') return 0xD;
        throw new IsoEncodeException(element, $"'{c}' at position {index} is not a {(track ? "track" : "numeric")} digit");
    }
}
