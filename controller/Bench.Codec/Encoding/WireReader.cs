namespace Bench.Codec.Encoding;

/// <summary>A cursor over a frame body; every read names the element it reads for error reporting.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> body = body;

    public int Offset { get; private set; }

    public int Remaining => body.Length - Offset;

    public ReadOnlySpan<byte> Take(int count, string element)
    {
        if (count > Remaining)
            throw new IsoDecodeException(element, Offset, $"truncated: needs {count} bytes, {Remaining} left");
        var slice = body.Slice(Offset, count);
        Offset += count;
        return slice;
    }
}
