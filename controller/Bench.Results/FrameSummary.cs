using Bench.Codec;

namespace Bench.Results;

/// <summary>The human-readable, card-masked one-liner for a frame: what the frames.summary column and consoles show.</summary>
public static class FrameSummary
{
    public static string Describe(FrameRecord frame) => Describe(frame.Message, frame.Body.Length, frame.DecodeError);

    public static string Describe(IsoMessage? message, int bodyLength, string? decodeError = null) =>
        // IsoMessage.ToString masks 2, 35, 36 and 52; MaskText is the safety net for anything else.
        message is not null
            ? PanMask.MaskText(message.ToString())
            : PanMask.MaskText($"undecodable {bodyLength}-byte body: {decodeError ?? "unknown error"}");
}
