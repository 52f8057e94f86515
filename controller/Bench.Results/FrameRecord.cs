using Bench.Codec;

namespace Bench.Results;

/// <summary>
/// One frame as it crossed the wire: the body (no length prefix), its decoded message when it
/// decoded, and the monotonic time taken in the thread that read or wrote it. The summary and
/// MTI/STAN columns are derived from <see cref="Message"/> by the recorder's writer, off the
/// host's reply path.
/// </summary>
public sealed record FrameRecord(
    long TimestampNanoseconds,
    string ConnectionId,
    FrameDirection Direction,
    byte[] Body,
    IsoMessage? Message)
{
    /// <summary>Why the body did not decode (element, offset, reason), when it did not.</summary>
    public string? DecodeError { get; init; }

    /// <summary>The card-masked one-liner for consoles and logs.</summary>
    public string MaskedText => FrameSummary.Describe(this);
}
