using System.Collections.Immutable;
using System.Security.Cryptography;
using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// A PIN key and a MAC key (single-length DES) as a sign-on reply hands them out in field 62
/// (<see cref="WorkingKeyField"/>): each key + its check value, wrapped under the terminal's master key
/// (<see cref="ToField62(TerminalMasterKey)"/>), or in the clear on a bench that has no master key for the
/// terminal (<see cref="ToField62()"/>). A check value is the first 4 bytes of DES-encrypting eight zero bytes
/// under the clear key. Immutable: <see cref="Test"/> is shared by every host in the process, so no caller
/// may change a key under the others. Prints by check values only.
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

    /// <summary>
    /// Fresh keys from the system's cryptographic random source: odd parity as DES keys carry it, never a weak or
    /// semi-weak key, PIN and MAC key different. What a host hands a terminal with a master key at each sign-on.
    /// </summary>
    public static WorkingKeys Generate()
    {
        var pin = RandomDesKey();
        byte[] mac;
        do mac = RandomDesKey();
        while (mac.AsSpan().SequenceEqual(pin));
        return new WorkingKeys(pin, mac);
    }

    /// <summary>Field 62 with the keys in the clear: a bench that has no master key for the terminal.</summary>
    public string ToField62() => WorkingKeyField.Format(pinKey.AsSpan(), CheckValue(pinKey.AsSpan()), macKey.AsSpan(), CheckValue(macKey.AsSpan()));

    /// <summary>Field 62 with each key wrapped under <paramref name="masterKey"/> (3DES ECB), the check values of the clear keys.</summary>
    public string ToField62(TerminalMasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return WorkingKeyField.Format(
            masterKey.Wrap(pinKey.AsSpan()), CheckValue(pinKey.AsSpan()), masterKey.Wrap(macKey.AsSpan()), CheckValue(macKey.AsSpan()));
    }

    /// <summary>The CUP check value of a clear DES key (<see cref="WorkingKeyField.CheckValue"/>).</summary>
    public static byte[] CheckValue(ReadOnlySpan<byte> key) => WorkingKeyField.CheckValue(key);

    private static byte[] RandomDesKey()
    {
        var key = new byte[KeyLength];
        do
        {
            RandomNumberGenerator.Fill(key);
            for (var index = 0; index < key.Length; index++) key[index] = WithOddParity(key[index]);
        }
        while (DES.IsWeakKey(key) || DES.IsSemiWeakKey(key));
        return key;
    }

    /// <summary>Sets the low bit so the byte has an odd number of ones, as a DES key byte's parity bit does.</summary>
    private static byte WithOddParity(byte value)
    {
        var high = value & 0xFE;
        return (byte)(System.Numerics.BitOperations.PopCount((uint)high) % 2 == 0 ? high | 1 : high);
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
