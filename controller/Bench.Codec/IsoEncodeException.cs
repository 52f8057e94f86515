namespace Bench.Codec;

/// <summary>A message cannot be encoded: a value does not fit its field's definition.</summary>
public sealed class IsoEncodeException(string element, string reason) : Exception($"{element}: {reason}")
{
    public string Element { get; } = element;
    public string Reason { get; } = reason;
}
