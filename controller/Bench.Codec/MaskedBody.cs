namespace Bench.Codec;

/// <summary>A frame body as it may be stored, and whether it differs from the bytes on the wire.</summary>
/// <param name="Masked">True when card digits were zeroed: the body is no longer byte-exact (nor its MAC valid).</param>
public sealed record MaskedBody(byte[] Body, bool Masked);
