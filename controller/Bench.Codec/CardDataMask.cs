using Bench.Codec.Encoding;

namespace Bench.Codec;

/// <summary>
/// Masks the card data in a frame body before it is stored (DESIGN.md §9). In a body that decodes,
/// fields 2 (PAN), 35 (track 2) and 36 (track 3) keep the PAN's first 6 and last 4 digits (a PAN
/// under 13 digits keeps none, as <see cref="PanMask"/> does); every other digit is zeroed nibble by
/// nibble, so the BCD still decodes and every other byte, the pad nibbles included, is the
/// original's. Track data keeps its separator; what follows it (expiry, service code, discretionary
/// data) is zeroed. A body that does not decode cannot be located field by field: every run of 13
/// or more decimal digits in it, packed BCD or ASCII, keeps its first 6 and last 4 digits instead.
/// Field 62 of a sign-on reply (0810) carries the working keys (<see cref="WorkingKeyField"/>): their
/// characters are zeroed too, the check values kept, so no key material is stored either.
/// The MAC no longer matches a masked body; that is what <see cref="MaskedBody.Masked"/> says.
/// </summary>
public static class CardDataMask
{
    private const int KeptFirst = 6;
    private const int KeptLast = 4;
    private const int ShortestPan = 13;

    private static readonly int[] CardFields = [2, 35, 36];

    public static MaskedBody Mask(ReadOnlySpan<byte> body)
    {
        var copy = body.ToArray();
        var offsets = new int[IsoMessage.FieldSlots];
        IsoMessage message;
        try
        {
            message = IsoCodec.Cup.Decode(body, offsets);
        }
        catch (IsoDecodeException)
        {
            var scrubbed = ScrubDigitRuns(copy);
            return new MaskedBody(copy, scrubbed);
        }

        var changed = false;
        foreach (var number in CardFields)
        {
            if (message[number] is not { } digits) continue;
            var definition = IsoCodec.Cup.Table[number]!;
            var contentOffset = offsets[number] + (definition.IsFixed ? 0 : Bcd.ByteCount(definition.LengthDigits));
            changed |= ZeroDigits(copy, contentOffset, digits, number == 2 ? digits.Length : SeparatorIndex(digits));
        }
        changed |= MaskWorkingKeys(copy, message, offsets);
        return new MaskedBody(copy, changed);
    }

    /// <summary>Overwrites the working keys in field 62 of an 0810 with their masked form, character for byte (Latin-1).</summary>
    private static bool MaskWorkingKeys(byte[] body, IsoMessage message, int[] offsets)
    {
        const int number = WorkingKeyField.FieldNumber;
        if (!WorkingKeyField.IsIn(message.Mti, number) || message[number] is not { } keys) return false;
        var definition = IsoCodec.Cup.Table[number]!;
        var contentOffset = offsets[number] + (definition.IsFixed ? 0 : Bcd.ByteCount(definition.LengthDigits));
        var masked = WorkingKeyField.Masked(keys);
        var changed = false;
        for (var index = 0; index < masked.Length; index++)
        {
            if (body[contentOffset + index] == (byte)masked[index]) continue;
            body[contentOffset + index] = (byte)masked[index];
            changed = true;
        }
        return changed;
    }

    /// <summary>Zeroes the hidden digits of a PAN that is <paramref name="panLength"/> long, then every digit after it but separators.</summary>
    private static bool ZeroDigits(byte[] body, int contentOffset, string digits, int panLength)
    {
        var changed = false;
        for (var index = 0; index < digits.Length; index++)
        {
            var hidden = index < panLength ? IsHiddenPanDigit(index, panLength) : digits[index] != '=';
            if (hidden && digits[index] != '0')
            {
                SetNibble(body, contentOffset * 2 + index, 0);
                changed = true;
            }
        }
        return changed;
    }

    private static bool IsHiddenPanDigit(int index, int panLength) =>
        panLength < ShortestPan || index >= KeptFirst && index < panLength - KeptLast;

    private static int SeparatorIndex(string track)
    {
        var separator = track.IndexOf('=');
        return separator < 0 ? track.Length : separator;
    }

    /// <summary>For a body that does not decode: masks every long run of decimal nibbles and of ASCII digits.</summary>
    private static bool ScrubDigitRuns(byte[] body)
    {
        var changed = false;
        var nibbles = body.Length * 2;
        var runStart = 0;
        for (var position = 0; position <= nibbles; position++)
        {
            if (position < nibbles && GetNibble(body, position) <= 9) continue;
            var length = position - runStart;
            if (length >= ShortestPan)
            {
                for (var index = KeptFirst; index < length - KeptLast; index++)
                {
                    if (GetNibble(body, runStart + index) == 0) continue;
                    SetNibble(body, runStart + index, 0);
                    changed = true;
                }
            }
            runStart = position + 1;
        }

        runStart = 0;
        for (var position = 0; position <= body.Length; position++)
        {
            if (position < body.Length && body[position] is >= (byte)'0' and <= (byte)'9') continue;
            var length = position - runStart;
            if (length >= ShortestPan)
            {
                for (var index = runStart + KeptFirst; index < position - KeptLast; index++)
                {
                    if (body[index] == (byte)'0') continue;
                    body[index] = (byte)'0';
                    changed = true;
                }
            }
            runStart = position + 1;
        }
        return changed;
    }

    private static int GetNibble(byte[] body, int nibble) =>
        (nibble & 1) == 0 ? body[nibble >> 1] >> 4 : body[nibble >> 1] & 0x0F;

    private static void SetNibble(byte[] body, int nibble, int value)
    {
        ref var target = ref body[nibble >> 1];
        target = (nibble & 1) == 0 ? (byte)(target & 0x0F | value << 4) : (byte)(target & 0xF0 | value);
    }
}
