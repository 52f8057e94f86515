using Bench.Codec;

namespace Bench.Host;

/// <summary>Sends every reply <paramref name="copies"/> times, <paramref name="interval"/> apart on the host's clock.</summary>
public sealed class DuplicatingReplyChannel(IReplyChannel inner, int copies, TimeSpan interval, TimeProvider clock) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        RepeatAsync(token => inner.SendAsync(reply, token), cancellationToken);

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) =>
        RepeatAsync(token => inner.SendInSegmentsAsync(reply, segmentation, token), cancellationToken);

    private async ValueTask RepeatAsync(Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        for (var copy = 1; copy <= copies; copy++)
        {
            if (copy > 1 && interval > TimeSpan.Zero) await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            await send(cancellationToken).ConfigureAwait(false);
        }
    }
}
