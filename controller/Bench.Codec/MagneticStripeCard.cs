using System.Text;

namespace Bench.Codec;

/// <summary>
/// A test card's magnetic stripe track 2 (ISO/IEC 7813): <c>;PAN=YYMM SSS discretionary?LRC</c>.
/// Each character is 4 data bits plus an odd parity bit; the LRC character is the XOR of the
/// data bits of every character from the start sentinel to the end sentinel, with its own odd parity.
/// </summary>
public sealed record MagneticStripeCard(string Pan, string Expiry, string ServiceCode, string DiscretionaryData)
{
    private const char StartSentinel = ';';
    private const char Separator = '=';
    private const char EndSentinel = '?';

    /// <summary>The track 2 equivalent data as it goes into field 35 (no sentinels, no LRC).</summary>
    public string Track2Data => $"{Pan}{Separator}{Expiry}{ServiceCode}{DiscretionaryData}";

    /// <summary>The track as the reader sees it: sentinels and the LRC character included.</summary>
    public string RawTrack
    {
        get
        {
            var body = StartSentinel + Track2Data + EndSentinel;
            var lrc = 0;
            foreach (var c in body) lrc ^= c - '0';
            return body + (char)('0' + lrc);
        }
    }

    /// <summary>The 5-bit codes (data bits low, odd-parity bit as bit 4) a reader head decodes.</summary>
    public byte[] FiveBitCodes() => RawTrack.Select(c => WithOddParity(c - '0')).ToArray();

    /// <summary>Reads a raw track, checking sentinels, characters and the LRC.</summary>
    public static MagneticStripeCard ParseRawTrack(string raw)
    {
        if (raw.Length < 4 || raw[0] != StartSentinel)
            throw new FormatException("track 2 must start with the sentinel ';'");
        var end = raw.IndexOf(EndSentinel);
        if (end < 0 || end != raw.Length - 2)
            throw new FormatException("track 2 must end with the sentinel '?' followed by the LRC character");
        var lrc = 0;
        for (var i = 0; i <= end; i++)
        {
            var value = raw[i] - '0';
            if (value is < 0 or > 15) throw new FormatException($"character '{raw[i]}' at position {i} is not a track 2 character");
            lrc ^= value;
        }
        if (raw[^1] - '0' != lrc)
            throw new FormatException($"LRC mismatch: track carries '{raw[^1]}', computed '{(char)('0' + lrc)}'");
        return FromTrack2Data(raw[1..end]);
    }

    /// <summary>Reads field 35's value: <c>PAN=YYMMSSS…</c>.</summary>
    public static MagneticStripeCard FromTrack2Data(string data)
    {
        var separator = data.IndexOfAny(['=', 'D']);
        if (separator < 12 || data.Length < separator + 8)
            throw new FormatException("track 2 data needs a PAN of 12 or more digits, '=', expiry and service code");
        var pan = data[..separator];
        if (!pan.All(char.IsAsciiDigit)) throw new FormatException("track 2 PAN is not all digits");
        return new MagneticStripeCard(pan, data[(separator + 1)..(separator + 5)], data[(separator + 5)..(separator + 8)], data[(separator + 8)..]);
    }

    /// <summary>True when the PAN passes the Luhn check digit test.</summary>
    public static bool IsLuhnValid(string pan)
    {
        if (pan.Length == 0 || !pan.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < pan.Length; i++)
        {
            var digit = pan[pan.Length - 1 - i] - '0';
            if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return sum % 10 == 0;
    }

    public override string ToString() => new StringBuilder("card ").Append(PanMask.Mask(Pan)).Append(" exp ").Append(Expiry).ToString();

    private static byte WithOddParity(int value)
    {
        var ones = System.Numerics.BitOperations.PopCount((uint)value);
        return (byte)(value | (ones % 2 == 0 ? 0x10 : 0));
    }
}
