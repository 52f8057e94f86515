using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Damages field 64 of every reply after it was signed: one bit of each of its 8 bytes is flipped,
/// so a terminal comparing only part of the MAC still sees the damage. A reply that carries no MAC
/// (its request had none, or the host signs nothing) gets a wrong one, so it still fails the check.
/// </summary>
/// <param name="corrupted">Told of each reply as it is damaged, so the host can record the fault it injected.</param>
public sealed class MacCorruptingReplyChannel(IReplyChannel inner, Action<IsoMessage>? corrupted = null) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        inner.SendAsync(Damage(reply), cancellationToken);

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) =>
        inner.SendInSegmentsAsync(Damage(reply), segmentation, cancellationToken);

    private IsoMessage Damage(IsoMessage reply)
    {
        corrupted?.Invoke(reply);
        return Corrupt(reply);
    }

    public static IsoMessage Corrupt(IsoMessage reply)
    {
        var mac = reply.Binary(64) ?? new byte[MessageAuthenticationCode.Length];
        for (var index = 0; index < mac.Length; index++) mac[index] ^= 0x01;
        return reply.With(64, mac);
    }
}
