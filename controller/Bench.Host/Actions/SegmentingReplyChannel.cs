using Bench.Codec;

namespace Bench.Host;

/// <summary>Turns every reply into a split one: the frame leaves in small segments with pauses between them.</summary>
public sealed class SegmentingReplyChannel(IReplyChannel inner, ReplySegmentation segmentation) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        inner.SendInSegmentsAsync(reply, segmentation, cancellationToken);

    // An outer split wins over this one: it was applied last, so it is the one the rule asked for most specifically.
    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation outer, CancellationToken cancellationToken) =>
        inner.SendInSegmentsAsync(reply, outer, cancellationToken);
}
