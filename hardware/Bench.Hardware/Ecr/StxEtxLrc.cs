namespace Bench.Hardware.Ecr;

/// <summary>
/// The STX … ETX + LRC framing many ECR protocols share: <c>STX text ETX LRC</c>, the LRC being the XOR of every
/// byte after STX up to and including ETX. The receiver answers a good frame with ACK and a bad one with NAK; the
/// sender sends again after a NAK or when no answer comes in time.
/// </summary>
public static class StxEtxLrc
{
    public const byte StartOfText = 0x02;
    public const byte EndOfText = 0x03;
    public const byte Acknowledge = 0x06;
    public const byte NegativeAcknowledge = 0x15;

    /// <summary>The LRC of <paramref name="text"/> followed by ETX.</summary>
    public static byte Lrc(ReadOnlySpan<byte> text)
    {
        byte lrc = EndOfText;
        foreach (var value in text) lrc ^= value;
        return lrc;
    }

    /// <summary>The whole frame for <paramref name="text"/>: STX, text, ETX, LRC.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> text)
    {
        var frame = new byte[text.Length + 3];
        frame[0] = StartOfText;
        text.CopyTo(frame.AsSpan(1));
        frame[^2] = EndOfText;
        frame[^1] = Lrc(text);
        return frame;
    }
}
