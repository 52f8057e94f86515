namespace Bench.Codec.Encoding;

/// <summary>An append-only byte buffer the field encoders write into.</summary>
internal sealed class WireWriter(int initialCapacity = 512)
{
    private byte[] buffer = new byte[initialCapacity];

    public int Position { get; private set; }

    public Span<byte> Reserve(int count)
    {
        if (Position + count > buffer.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Position + count));
        var span = buffer.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public void Write(byte value) => Reserve(1)[0] = value;

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public Span<byte> WrittenSpan => buffer.AsSpan(0, Position);

    public byte[] ToArray() => buffer.AsSpan(0, Position).ToArray();
}
