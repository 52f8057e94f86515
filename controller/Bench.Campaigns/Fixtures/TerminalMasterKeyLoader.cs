using System.Security.Cryptography;
using Bench.Codec;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a terminal master key file (a profile's <c>masterKeyFile</c>): YAML with
/// <c>key:</c> 32 hex digits (a double-length 3DES key, K1 K2) and <c>checkValue:</c> its 6-digit check value
/// (the first 3 bytes of 3DES-encrypting eight zero bytes), which must match, so a mistyped key is caught at load
/// rather than as a MAC failure in the first sale. Errors name the key by its check value, never its digits.
/// </summary>
public static class TerminalMasterKeyLoader
{
    private static readonly string[] Keys = ["key", "checkValue"];

    /// <exception cref="CampaignFileException">The file is missing or malformed, the key is not a 3DES key, or the check value does not match.</exception>
    public static TerminalMasterKey Load(string file)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file);
        reader.RejectUnknownKeys(Keys);

        var keyText = reader.RequiredString("key");
        if (keyText.Length != 2 * TerminalMasterKey.KeyLength)
        {
            throw reader.Error("key", $"must be {2 * TerminalMasterKey.KeyLength} hex digits, a double-length 3DES key (got {keyText.Length} characters)");
        }

        if (!keyText.All(char.IsAsciiHexDigit))
        {
            throw reader.Error("key", "must be hex digits only (0-9, A-F)");
        }

        TerminalMasterKey key;
        try
        {
            key = new TerminalMasterKey(Convert.FromHexString(keyText));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw reader.Error("key", "its two halves are equal: that is single DES, not a double-length 3DES key");
        }

        var checkValue = reader.RequiredString("checkValue");
        if (checkValue.Length != 2 * TerminalMasterKey.CheckValueLength || !checkValue.All(char.IsAsciiHexDigit))
        {
            throw reader.Error("checkValue", $"must be {2 * TerminalMasterKey.CheckValueLength} hex digits (got '{checkValue}')");
        }

        if (!string.Equals(checkValue, key.CheckValue, StringComparison.OrdinalIgnoreCase))
        {
            throw reader.Error("checkValue", $"does not match the key (its check value is {key.CheckValue}): the key or the check value is mistyped");
        }

        return key;
    }
}
