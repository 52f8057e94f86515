using Bench.Codec;

namespace Bench.Host;

/// <summary>Sets the header's processing requirement of every reply to 3, re-sign-on. The MAC does not cover the header, so it stays valid.</summary>
public sealed class ReSignOnHeaderReplyChannel(IReplyChannel inner) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        inner.SendAsync(Mark(reply), cancellationToken);

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) =>
        inner.SendInSegmentsAsync(Mark(reply), segmentation, cancellationToken);

    private static IsoMessage Mark(IsoMessage reply) =>
        reply.WithHeader(reply.Header with { ProcessingRequirement = ProcessingRequirement.ReSignOn });
}
