using Bench.Codec;

namespace Bench.Host;

/// <summary>A late reply waiting for its terminal's next connection, with the way it is to be written.</summary>
internal sealed record ParkedReply(string OriginConnectionId, IsoMessage Reply, ReplySegmentation? Segmentation)
{
    public ValueTask SendAsync(IReplyChannel channel, CancellationToken cancellationToken) =>
        Segmentation is { } segments
            ? channel.SendInSegmentsAsync(Reply, segments, cancellationToken)
            : channel.SendAsync(Reply, cancellationToken);
}
