using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Bench.Codec;

/// <summary>
/// A terminal's master key (TMK): the double-length 3DES key (16 bytes, K1 K2 K1) the host wraps the
/// working keys under in field 62 of the sign-on reply, and the terminal unwraps them with, 3DES ECB as
/// CUP POS terminals do. The key bytes never leave this object: it wraps and unwraps, and it names itself
/// only by its check value (the first 3 bytes of 3DES-encrypting eight zero bytes, the usual 6-digit KCV
/// of a key form), so a profile or option that holds one can be printed or logged. Compares by value.
/// </summary>
public sealed class TerminalMasterKey : IEquatable<TerminalMasterKey>
{
    public const int KeyLength = 16;
    public const int CheckValueLength = 3;

    private readonly ImmutableArray<byte> key;

    /// <exception cref="ArgumentException">Not 16 bytes, or both halves equal (3DES would be single DES, and .NET refuses such a key).</exception>
    public TerminalMasterKey(ReadOnlySpan<byte> key)
    {
        // The messages name the problem, never the key.
        if (key.Length != KeyLength) throw new ArgumentException($"a double-length 3DES master key is {KeyLength} bytes (got {key.Length})", nameof(key));
        if (key[..8].SequenceEqual(key[8..])) throw new ArgumentException("the master key's two halves are equal: that is single DES, not a 3DES key", nameof(key));
        this.key = [.. key];
    }

    /// <summary>The key check value: 6 upper-case hex digits.</summary>
    public string CheckValue => Convert.ToHexString(Encrypt(new byte[8])[..CheckValueLength]);

    /// <summary>Encrypts a clear working key (a multiple of 8 bytes) under this key, 3DES ECB.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> clearKey) => Encrypt(BlockAligned(clearKey, nameof(clearKey)));

    /// <summary>Decrypts a working key wrapped under this key (a multiple of 8 bytes), 3DES ECB.</summary>
    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey)
    {
        using var cipher = Cipher();
        return cipher.DecryptEcb(BlockAligned(wrappedKey, nameof(wrappedKey)), PaddingMode.None);
    }

    public bool Equals(TerminalMasterKey? other) => other is not null && key.AsSpan().SequenceEqual(other.key.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as TerminalMasterKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(key.AsSpan());
        return hash.ToHashCode();
    }

    public override string ToString() => $"TerminalMasterKey {{ check value {CheckValue} }}";

    private byte[] Encrypt(ReadOnlySpan<byte> blocks)
    {
        using var cipher = Cipher();
        return cipher.EncryptEcb(blocks, PaddingMode.None);
    }

    private TripleDES Cipher()
    {
        var cipher = TripleDES.Create();
        // Written out as three keys (K1 K2 K1): OpenSSL 3, under .NET on Linux, refuses a 16-byte key in the one-shot calls.
        cipher.Key = [.. key, .. key.AsSpan(0, 8)];
        return cipher;
    }

    private static ReadOnlySpan<byte> BlockAligned(ReadOnlySpan<byte> value, string name)
    {
        if (value.Length == 0 || value.Length % 8 != 0) throw new ArgumentException($"a DES key is a whole number of 8-byte blocks (got {value.Length} bytes)", name);
        return value;
    }
}
