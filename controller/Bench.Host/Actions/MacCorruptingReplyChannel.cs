using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Damages field 64 of every reply after it was signed: one bit of each of its 8 bytes is flipped,
/// so a terminal comparing only part of the MAC still sees the damage. A reply that carries no MAC
/// (its request had none, or the host signs nothing) gets a wrong one, so it still fails the check.
/// </summary>
public sealed class MacCorruptingReplyChannel(IReplyChannel inner) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        inner.SendAsync(Corrupt(reply), cancellationToken);

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) =>
        inner.SendInSegmentsAsync(Corrupt(reply), segmentation, cancellationToken);

    public static IsoMessage Corrupt(IsoMessage reply)
    {
        var mac = reply.Binary(64) ?? new byte[MessageAuthenticationCode.Length];
        for (var index = 0; index < mac.Length; index++) mac[index] ^= 0x01;
        return reply.With(64, mac);
    }
}
