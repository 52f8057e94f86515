namespace Bench.Codec.Tests;

/// <summary>Test vectors are written as spaced hex pieces, one piece per wire element.</summary>
internal static class Hex
{
    public static byte[] Bytes(params string[] pieces) => Convert.FromHexString(string.Concat(pieces).Replace(" ", string.Empty));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Ascii(string text) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));
}
