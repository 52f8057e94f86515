namespace Bench.Codec;

/// <summary>Transport protocol data unit: <c>60</c> + destination (2 bytes) + source (2 bytes).</summary>
public sealed record Tpdu(byte Id, ushort Destination, ushort Source)
{
    public const int Length = 5;

    /// <summary>The usual terminal-to-host TPDU, <c>60 00 03 00 00</c>.</summary>
    public static Tpdu Default { get; } = new(0x60, 0x0003, 0x0000);

    /// <summary>The host's reply swaps destination and source.</summary>
    public Tpdu Swapped() => this with { Destination = Source, Source = Destination };

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = Id;
        destination[1] = (byte)(Destination >> 8);
        destination[2] = (byte)Destination;
        destination[3] = (byte)(Source >> 8);
        destination[4] = (byte)Source;
    }

    public static Tpdu ReadFrom(ReadOnlySpan<byte> source) =>
        new(source[0], (ushort)(source[1] << 8 | source[2]), (ushort)(source[3] << 8 | source[4]));

    public override string ToString() => $"{Id:X2} {Destination:X4} {Source:X4}";
}
