using System.Security.Cryptography;

namespace Bench.Codec;

/// <summary>
/// The UnionPay POS "ECB" MAC (CUP terminal specification), the usual DES-based terminal MAC:
/// <list type="number">
/// <item>split the MAC input into 8-byte blocks, zero-padding the last, and XOR all blocks together;</item>
/// <item>write that 8-byte result as 16 upper-case hex characters;</item>
/// <item>DES-encrypt the first 8 characters with the MAC key, XOR with the last 8, DES-encrypt again;</item>
/// <item>write the result as hex; its first 8 characters (ASCII) are the 8-byte MAC in field 64.</item>
/// </list>
/// Plain single DES: .NET refuses triple DES with K1 = K2 = K3 as a "known weak key", so that emulation cannot work.
/// </summary>
public sealed class MessageAuthenticationCode : IDisposable
{
    public const int Length = 8;
    private readonly DES cipher;

    public MessageAuthenticationCode(ReadOnlySpan<byte> macKey)
    {
        if (macKey.Length != 8) throw new ArgumentException("a DES MAC key is 8 bytes", nameof(macKey));
        cipher = DES.Create();
        cipher.Key = macKey.ToArray();
    }

    public byte[] Compute(ReadOnlySpan<byte> macInput)
    {
        Span<byte> block = stackalloc byte[8];
        block.Clear();
        for (var i = 0; i < macInput.Length; i++) block[i & 7] ^= macInput[i];

        Span<byte> hex = stackalloc byte[16];
        ToHexAscii(block, hex);
        Span<byte> encrypted = stackalloc byte[8];
        cipher.EncryptEcb(hex[..8], encrypted, PaddingMode.None);
        for (var i = 0; i < 8; i++) encrypted[i] ^= hex[8 + i];
        Span<byte> second = stackalloc byte[8];
        cipher.EncryptEcb(encrypted, second, PaddingMode.None);
        ToHexAscii(second, hex);
        return hex[..8].ToArray();
    }

    /// <summary>Constant-time comparison, so the bench cannot be used as a MAC oracle by timing.</summary>
    public bool Verify(ReadOnlySpan<byte> macInput, ReadOnlySpan<byte> mac) =>
        mac.Length == Length && CryptographicOperations.FixedTimeEquals(Compute(macInput), mac);

    public void Dispose() => cipher.Dispose();

    private static void ToHexAscii(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string digits = "0123456789ABCDEF";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)digits[bytes[i] >> 4];
            destination[2 * i + 1] = (byte)digits[bytes[i] & 0x0F];
        }
    }
}
