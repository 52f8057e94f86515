using System.Security.Cryptography;

namespace Bench.Host;

/// <summary>
/// The working keys a sign-on reply hands out in field 62, in the clear (a test host has no
/// terminal master key to wrap them under): PIN key (8) + its check value (4) + MAC key (8) +
/// its check value (4), written as 48 upper-case hex characters. A check value is the first
/// 4 bytes of DES-encrypting eight zero bytes under the key.
/// </summary>
public sealed record WorkingKeys(byte[] PinKey, byte[] MacKey)
{
    /// <summary>The bench's test keys; never real ones.</summary>
    public static WorkingKeys Test { get; } = new(
        [0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13],
        [0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C]);

    public string ToField62() => Convert.ToHexString([.. PinKey, .. CheckValue(PinKey), .. MacKey, .. CheckValue(MacKey)]);

    public static byte[] CheckValue(byte[] key)
    {
        using var cipher = DES.Create();
        cipher.Key = key;
        return cipher.EncryptEcb(new byte[8], PaddingMode.None)[..4];
    }
}
