namespace Bench.Codec;

/// <summary>
/// The one error the decoder raises: what was wrong, in which element (a field number, or
/// "length", "TPDU", "header", "MTI", "bitmap") and at which byte offset of the frame body.
/// </summary>
public sealed class IsoDecodeException(string element, int offset, string reason)
    : Exception($"{element} at byte {offset}: {reason}")
{
    public string Element { get; } = element;
    public int Offset { get; } = offset;
    public string Reason { get; } = reason;

    /// <summary>The field number when the error is inside a field, else null.</summary>
    public int? FieldNumber => Element.StartsWith("field ", StringComparison.Ordinal)
        && int.TryParse(Element.AsSpan(6), out var number) ? number : null;
}
