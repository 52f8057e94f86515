using System.Text.RegularExpressions;

namespace Bench.Codec;

/// <summary>Masks card numbers (first 6, last 4) wherever they could reach a person.</summary>
public static partial class PanMask
{
    /// <summary><c>6222021234567890123</c> → <c>622202*********0123</c>. Short values are masked whole.</summary>
    public static string Mask(string pan)
    {
        if (pan.Length < 13) return new string('*', pan.Length);
        return string.Concat(pan.AsSpan(0, 6), new string('*', pan.Length - 10), pan.AsSpan(pan.Length - 4));
    }

    /// <summary>Track data: the PAN before the separator is masked, everything after it is hidden.</summary>
    public static string MaskTrack(string track)
    {
        var separator = track.IndexOfAny(['=', 'D', 'd']);
        var pan = separator < 0 ? track : track[..separator];
        return Mask(pan) + (separator < 0 ? string.Empty : "=" + new string('*', track.Length - separator - 1));
    }

    /// <summary>Masks every run of 13 to 19 digits in free text (a log line, an error message).</summary>
    public static string MaskText(string text) => CardNumberPattern().Replace(text, match => Mask(match.Value));

    [GeneratedRegex(@"(?<!\d)\d{13,19}(?!\d)")]
    private static partial Regex CardNumberPattern();
}
