using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Where an action sends its reply. The connection is the plain channel; faults wrap it (a delay,
/// a splitter, a duplicator, a MAC corrupter), passing each reply on, changed or held.
/// </summary>
public interface IReplyChannel
{
    /// <summary>Sends the reply's frame in one write.</summary>
    ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken);

    /// <summary>Sends the reply's frame (length prefix included) in small writes with a pause between them.</summary>
    ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken);
}
