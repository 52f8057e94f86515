using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Bench.Host;

/// <summary>
/// The working keys a sign-on reply hands out in field 62, in the clear (a test host has no
/// terminal master key to wrap them under): PIN key (8) + its check value (4) + MAC key (8) +
/// its check value (4), written as 48 upper-case hex characters. A check value is the first
/// 4 bytes of DES-encrypting eight zero bytes under the key. Immutable: <see cref="Test"/> is
/// shared by every host in the process, so no caller may change a key under the others.
/// </summary>
public sealed record WorkingKeys
{
    public const int KeyLength = 8;

    private readonly ImmutableArray<byte> pinKey;
    private readonly ImmutableArray<byte> macKey;

    public WorkingKeys(ReadOnlySpan<byte> pinKey, ReadOnlySpan<byte> macKey)
    {
        if (pinKey.Length != KeyLength) throw new ArgumentException($"a DES PIN key is {KeyLength} bytes", nameof(pinKey));
        if (macKey.Length != KeyLength) throw new ArgumentException($"a DES MAC key is {KeyLength} bytes", nameof(macKey));
        this.pinKey = [.. pinKey];
        this.macKey = [.. macKey];
    }

    /// <summary>The bench's test keys; never real ones.</summary>
    public static WorkingKeys Test { get; } = new(
        [0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13],
        [0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C]);

    /// <summary>A copy of the PIN key: changing it changes nothing here.</summary>
    public byte[] PinKey => [.. pinKey];

    /// <summary>A copy of the MAC key, e.g. for a simulated terminal's options: changing it changes nothing here.</summary>
    public byte[] MacKey => [.. macKey];

    public string ToField62() => Convert.ToHexString([.. pinKey, .. CheckValue(pinKey.AsSpan()), .. macKey, .. CheckValue(macKey.AsSpan())]);

    public static byte[] CheckValue(ReadOnlySpan<byte> key)
    {
        using var cipher = DES.Create();
        cipher.Key = key.ToArray();
        return cipher.EncryptEcb(new byte[8], PaddingMode.None)[..4];
    }

    // Keys compare by value (the generated equality would compare the arrays' identity).
    public bool Equals(WorkingKeys? other) =>
        other is not null && pinKey.AsSpan().SequenceEqual(other.pinKey.AsSpan()) && macKey.AsSpan().SequenceEqual(other.macKey.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(pinKey.AsSpan());
        hash.AddBytes(macKey.AsSpan());
        return hash.ToHashCode();
    }

    /// <summary>Names the keys by their check values, never by key material (a record prints every member by default).</summary>
    public override string ToString() =>
        $"WorkingKeys {{ PIN key check value {Convert.ToHexString(CheckValue(pinKey.AsSpan()))}, MAC key check value {Convert.ToHexString(CheckValue(macKey.AsSpan()))} }}";
}
