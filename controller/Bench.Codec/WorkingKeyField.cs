using System.Security.Cryptography;

namespace Bench.Codec;

/// <summary>
/// Field 62 of a sign-on reply (0810): the working keys, single-length DES as 60.3 code 001 announces,
/// written as 48 upper-case hex characters: PIN key (8 bytes) + its check value (4) + MAC key (8) + its
/// check value (4). The keys are wrapped under the terminal's master key (<see cref="TerminalMasterKey"/>)
/// or, on a bench without one, in the clear; a check value is always the clear key's: the first 4 bytes
/// of DES-encrypting eight zero bytes under it, so the terminal can tell a key it unwrapped wrongly.
/// Key material in this field never reaches a person: <see cref="Describe"/> shows the check values
/// only, and <see cref="Masked"/> zeroes the keys of a stored body.
/// </summary>
public sealed class WorkingKeyField
{
    public const int FieldNumber = 62;
    public const int KeyLength = 8;
    public const int CheckValueLength = 4;
    public const int TextLength = 2 * 2 * (KeyLength + CheckValueLength);

    private readonly byte[] bytes;

    private WorkingKeyField(byte[] bytes) => this.bytes = bytes;

    /// <summary>The PIN key as carried (wrapped, or clear on a bench without a master key).</summary>
    public byte[] PinKey => bytes[..KeyLength];

    public byte[] PinKeyCheckValue => bytes[KeyLength..(KeyLength + CheckValueLength)];

    /// <summary>The MAC key as carried (wrapped, or clear on a bench without a master key).</summary>
    public byte[] MacKey => bytes[(KeyLength + CheckValueLength)..(2 * KeyLength + CheckValueLength)];

    public byte[] MacKeyCheckValue => bytes[(2 * KeyLength + CheckValueLength)..];

    /// <summary>True for the field that carries working keys: 62 of an 0810.</summary>
    public static bool IsIn(string mti, int field) => field == FieldNumber && mti == MessageTypes.NetworkManagementResponse;

    public static string Format(ReadOnlySpan<byte> pinKey, ReadOnlySpan<byte> pinKeyCheckValue, ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> macKeyCheckValue)
    {
        if (pinKey.Length != KeyLength || macKey.Length != KeyLength) throw new ArgumentException($"a working key in field 62 is {KeyLength} bytes");
        if (pinKeyCheckValue.Length != CheckValueLength || macKeyCheckValue.Length != CheckValueLength)
            throw new ArgumentException($"a check value in field 62 is {CheckValueLength} bytes");
        return Convert.ToHexString([.. pinKey, .. pinKeyCheckValue, .. macKey, .. macKeyCheckValue]);
    }

    /// <summary>The field's parts; null when <paramref name="value"/> is not 48 hex characters.</summary>
    public static WorkingKeyField? TryParse(string? value)
    {
        if (value is not { Length: TextLength } || !value.All(char.IsAsciiHexDigit)) return null;
        return new WorkingKeyField(Convert.FromHexString(value));
    }

    /// <summary>The CUP check value of a clear DES key: the first 4 bytes of encrypting eight zero bytes.</summary>
    /// <exception cref="CryptographicException">A weak or semi-weak DES key, which no host hands out.</exception>
    public static byte[] CheckValue(ReadOnlySpan<byte> clearKey)
    {
        using var cipher = DES.Create();
        cipher.Key = clearKey.ToArray();
        return cipher.EncryptEcb(new byte[8], PaddingMode.None)[..CheckValueLength];
    }

    /// <summary>
    /// True when <paramref name="checkValue"/> is the check value of <paramref name="clearKey"/>; false too for a
    /// weak DES key, which is what a key unwrapped under the wrong master key may turn out to be.
    /// </summary>
    public static bool CheckValueMatches(ReadOnlySpan<byte> clearKey, ReadOnlySpan<byte> checkValue)
    {
        var key = clearKey.ToArray();
        if (key.Length != KeyLength || DES.IsWeakKey(key) || DES.IsSemiWeakKey(key)) return false;
        return CryptographicOperations.FixedTimeEquals(CheckValue(key), checkValue);
    }

    /// <summary>How the field is shown to people: its check values (never the keys), or only its size when it is not the usual layout.</summary>
    public static string Describe(string value) => TryParse(value) is { } field
        ? $"[working keys, check values PIN {Convert.ToHexString(field.PinKeyCheckValue)} MAC {Convert.ToHexString(field.MacKeyCheckValue)}]"
        : $"[working keys, {value.Length} characters]";

    /// <summary>
    /// The field as it may be stored: the same length, every key character '0' (the check values kept, they
    /// give nothing away and say which keys were handed out); when it is not the usual layout, every character '0'.
    /// </summary>
    public static string Masked(string value)
    {
        if (TryParse(value) is null) return new string('0', value.Length);
        var keyCharacters = 2 * KeyLength;
        var checkCharacters = 2 * CheckValueLength;
        return string.Concat(
            new string('0', keyCharacters), value.AsSpan(keyCharacters, checkCharacters),
            new string('0', keyCharacters), value.AsSpan(2 * keyCharacters + checkCharacters, checkCharacters));
    }

    /// <summary>Check values only: a record-style print must not show key material.</summary>
    public override string ToString() => Describe(Convert.ToHexString(bytes));
}
