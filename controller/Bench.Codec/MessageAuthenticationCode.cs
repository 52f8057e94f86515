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
/// OpenSSL 3 no longer offers plain DES by default, and .NET refuses a triple-DES key with K1 = K2
/// or K2 = K3 as weak, so single DES is composed from three triple-DES passes whose inner steps
/// cancel out (see <see cref="EncryptBlock"/>).
/// </summary>
public sealed class MessageAuthenticationCode : IDisposable
{
    public const int Length = 8;
    private readonly TripleDES first;
    private readonly TripleDES second;
    private readonly TripleDES third;

    public MessageAuthenticationCode(ReadOnlySpan<byte> macKey)
    {
        if (macKey.Length != 8) throw new ArgumentException("a DES MAC key is 8 bytes", nameof(macKey));
        // Four helper keys, all different from each other and from the MAC key (parity bits are ignored by DES).
        var helpers = new List<byte[]>();
        for (byte seed = 0x10; helpers.Count < 4; seed += 0x10)
        {
            var candidate = Enumerable.Repeat(seed, 8).ToArray();
            if (!SameDesKey(candidate, macKey)) helpers.Add(candidate);
        }
        var (a, b, c, d) = (helpers[0], helpers[1], helpers[2], helpers[3]);
        first = Create([.. a, .. b, .. c]);
        second = Create([.. d, .. b, .. c]);
        third = Create([.. d, .. a, .. macKey]);
    }

    public byte[] Compute(ReadOnlySpan<byte> macInput)
    {
        Span<byte> block = stackalloc byte[8];
        block.Clear();
        for (var i = 0; i < macInput.Length; i++) block[i & 7] ^= macInput[i];

        Span<byte> hex = stackalloc byte[16];
        ToHexAscii(block, hex);
        Span<byte> encrypted = stackalloc byte[8];
        EncryptBlock(hex[..8], encrypted);
        for (var i = 0; i < 8; i++) encrypted[i] ^= hex[8 + i];
        Span<byte> result = stackalloc byte[8];
        EncryptBlock(encrypted, result);
        ToHexAscii(result, hex);
        return hex[..8].ToArray();
    }

    /// <summary>
    /// Single DES with the MAC key K from three triple-DES passes (helper keys A, B, C, D):
    /// encrypt(A,B,C) = E_C D_B E_A; decrypt(D,B,C) = D_D E_B D_C; encrypt(D,A,K) = E_K D_A E_D.
    /// Applied in turn: E_A, D_B, E_C, D_C, E_B, D_D, E_D, D_A, E_K; every adjacent pair cancels
    /// except the last step, leaving E_K.
    /// </summary>
    private void EncryptBlock(ReadOnlySpan<byte> block, Span<byte> destination)
    {
        Span<byte> work = stackalloc byte[8];
        first.EncryptEcb(block, work, PaddingMode.None);
        Span<byte> middle = stackalloc byte[8];
        second.DecryptEcb(work, middle, PaddingMode.None);
        third.EncryptEcb(middle, destination, PaddingMode.None);
    }

    private static TripleDES Create(byte[] key)
    {
        var cipher = TripleDES.Create();
        cipher.Key = key;
        return cipher;
    }

    private static bool SameDesKey(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        for (var i = 0; i < 8; i++)
            if ((left[i] & 0xFE) != (right[i] & 0xFE)) return false;
        return true;
    }

    /// <summary>Constant-time comparison, so the bench cannot be used as a MAC oracle by timing.</summary>
    public bool Verify(ReadOnlySpan<byte> macInput, ReadOnlySpan<byte> mac) =>
        mac.Length == Length && CryptographicOperations.FixedTimeEquals(Compute(macInput), mac);

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
        third.Dispose();
    }

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
