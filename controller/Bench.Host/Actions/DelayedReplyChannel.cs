using Bench.Codec;

namespace Bench.Host;

/// <summary>Holds each reply for a fixed time on the injected clock, then passes it on.</summary>
public sealed class DelayedReplyChannel(IReplyChannel inner, TimeSpan delay, TimeProvider clock) : IReplyChannel
{
    public async ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        await inner.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        await inner.SendInSegmentsAsync(reply, segmentation, cancellationToken).ConfigureAwait(false);
    }
}
