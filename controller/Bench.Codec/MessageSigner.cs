namespace Bench.Codec;

/// <summary>Puts a MAC into field 64 and checks one, over the bytes <see cref="IsoCodec.MacInput"/> selects.</summary>
public sealed class MessageSigner(IsoCodec codec, MessageAuthenticationCode mac)
{
    public IsoMessage Sign(IsoMessage message) => message.With(64, mac.Compute(codec.MacInput(message)));

    /// <summary>False when field 64 is absent or does not match.</summary>
    public bool Verify(IsoMessage message) =>
        message.Binary(64) is { } received && mac.Verify(codec.MacInput(message), received);
}
