using System.Text.RegularExpressions;
using Bench.Codec;

namespace Bench.Results;

/// <summary>
/// What every text value goes through on its way into results.db (frame summaries aside, which
/// <see cref="FrameSummary"/> masks field by field): each run of 13 to 19 digits is masked as a
/// card number (<see cref="PanMask.Mask"/>: first 6, last 4), as <see cref="PanMask.MaskText"/>
/// does, except the digits after a decimal point: <c>0.30000000000000004</c> in a JSON detail is
/// a number's fraction, and masking it would corrupt the number and the JSON around it.
/// </summary>
internal static partial class StoredText
{
    private const int ShortestCardNumber = 13;

    public static string Masked(string text) => HasLongDigitRun(text) ? CardNumberPattern().Replace(text, match => PanMask.Mask(match.Value)) : text;

    /// <summary>The value for a nullable text column.</summary>
    public static object Parameter(string? text) => text is null ? DBNull.Value : Masked(text);

    /// <summary>Skips the regex for the common case: no digit run long enough to be a card number.</summary>
    private static bool HasLongDigitRun(string text)
    {
        var run = 0;
        foreach (var character in text)
        {
            run = char.IsAsciiDigit(character) ? run + 1 : 0;
            if (run >= ShortestCardNumber) return true;
        }
        return false;
    }

    // PanMask's pattern, plus: not the fraction of a decimal number (digits right after "<digit>.").
    [GeneratedRegex(@"(?<!\d)(?<!\d\.)\d{13,19}(?!\d)")]
    private static partial Regex CardNumberPattern();
}
