namespace Bench.Codec;

/// <summary>The TCP/async-modem framing: a 2-byte big-endian body length before each message.</summary>
public static class Framing
{
    public const int PrefixLength = 2;

    /// <summary>The largest body the bench accepts. Real CUP messages stay well under 1 KiB.</summary>
    public const int MaxBodyLength = 4096;

    public static void WritePrefix(Span<byte> destination, int bodyLength)
    {
        destination[0] = (byte)(bodyLength >> 8);
        destination[1] = (byte)bodyLength;
    }

    public static int ReadPrefix(ReadOnlySpan<byte> source) => source[0] << 8 | source[1];
}
