using System.Text;
using Bench.Codec;

namespace Bench.Results;

/// <summary>
/// The human-readable, card-masked one-liner for a frame: what the frames.summary column and
/// consoles show. Rendered field by field rather than by regex over the whole line: card fields
/// are masked by meaning (2, 35, 36; 52 hidden; 55's ICC data, whose tags 5A and 57 carry the PAN,
/// reduced to its length), free text is masked only where it holds a 13–19 digit run, and a
/// 15-digit merchant id stays readable. The working keys in field 62 of a sign-on reply are shown
/// by their check values only (<see cref="WorkingKeyField.Describe"/>).
/// </summary>
public static class FrameSummary
{
    private const int ShortestCardNumber = 13;

    /// <summary>Fields whose meaning rules out a card number (codes, amounts, ids, dates, MAC): shown as they are.</summary>
    private static readonly HashSet<int> NeverCardData = [3, 4, 11, 12, 13, 14, 15, 22, 23, 25, 26, 32, 37, 38, 39, 41, 42, 49, 53, 60, 61, 64, 128];

    public static string Describe(FrameRecord frame) => Describe(frame.Message, frame.Body.Length, frame.DecodeError);

    public static string Describe(IsoMessage? message, int bodyLength, string? decodeError = null)
    {
        if (message is null)
            return MaskIfNeeded($"undecodable {bodyLength}-byte body: {decodeError ?? "unknown error"}");

        var text = new StringBuilder(256).Append(message.Mti);
        foreach (var (number, value) in message.Fields)
        {
            text.Append(' ').Append(number).Append('=');
            switch (number)
            {
                case 2: text.Append(PanMask.Mask(value)); break;
                case 35 or 36: text.Append(PanMask.MaskTrack(value)); break;
                case 52: text.Append("****************"); break;
                case 55: text.Append('[').Append(value.Length / 2).Append(" bytes ICC data]"); break;
                case WorkingKeyField.FieldNumber when WorkingKeyField.IsIn(message.Mti, number): text.Append(WorkingKeyField.Describe(value)); break;
                default: text.Append(NeverCardData.Contains(number) ? value : MaskIfNeeded(value)); break;
            }
        }
        return text.ToString();
    }

    /// <summary>Runs the (comparatively costly) regex only when a card-number-long digit run is present.</summary>
    private static string MaskIfNeeded(string value)
    {
        var run = 0;
        foreach (var c in value)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run >= ShortestCardNumber) return PanMask.MaskText(value);
        }
        return value;
    }
}
