using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>Reads a terminal model profile (fixtures/terminals/*.yaml) into a <see cref="TerminalProfile"/>.</summary>
public static class TerminalProfileLoader
{
    /// <summary>Links the rig and the simulation know how to carry.</summary>
    public static readonly IReadOnlyList<string> KnownLinks = ["ethernet", "gprs", "4g", "wifi", "pstn"];

    private static readonly string[] Keys =
    [
        "model", "link", "responseTimeout", "connectTimeout", "cardReadTimeout",
        "reversalResendCount", "simulationTimeScale", "terminalId", "merchantId",
    ];

    // Field 41 (TID) is ans8 and field 42 (MID) ans15 on the wire: exact lengths, printable ASCII.
    private const int TerminalIdLength = 8;
    private const int MerchantIdLength = 15;

    /// <exception cref="CampaignFileException">The file is missing, malformed or has an invalid value.</exception>
    public static TerminalProfile Load(string file)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file);
        reader.RejectUnknownKeys(Keys);

        var model = reader.RequiredString("model");
        var link = reader.RequiredString("link");
        if (!KnownLinks.Contains(link, StringComparer.Ordinal))
        {
            throw reader.Error("link", $"must be one of {string.Join(", ", KnownLinks)} (got '{link}')");
        }

        var responseTimeout = PositiveDuration(reader, "responseTimeout");
        var connectTimeout = PositiveDuration(reader, "connectTimeout");
        var cardReadTimeout = PositiveDuration(reader, "cardReadTimeout");

        var resendCount = reader.RequiredInteger("reversalResendCount");
        if (resendCount is < 0 or > 9)
        {
            throw reader.Error("reversalResendCount", $"must be between 0 and 9 (got {resendCount})");
        }

        var timeScale = reader.RequiredNumber("simulationTimeScale");
        if (timeScale <= 0)
        {
            throw reader.Error("simulationTimeScale", $"must be > 0 (got {timeScale})");
        }

        var terminalId = FixedLengthText(reader, "terminalId", TerminalIdLength);
        var merchantId = FixedLengthText(reader, "merchantId", MerchantIdLength);

        return new TerminalProfile(
            model, link, responseTimeout, connectTimeout, cardReadTimeout, (int)resendCount, timeScale, terminalId, merchantId);
    }

    private static TimeSpan PositiveDuration(YamlMappingReader reader, string key)
    {
        var duration = reader.RequiredDuration(key);
        if (duration <= TimeSpan.Zero)
        {
            throw reader.Error(key, $"must be > 0 (got {DurationText.Format(duration)})");
        }

        CampaignLimits.CheckTerminalTimer(reader, key, duration);
        return duration;
    }

    private static string FixedLengthText(YamlMappingReader reader, string key, int length)
    {
        var text = reader.RequiredString(key);
        if (text.Length != length)
        {
            throw reader.Error(key, $"must be exactly {length} characters (got {text.Length}: '{text}')");
        }

        if (text.Any(character => character is < ' ' or > '~'))
        {
            throw reader.Error(key, $"must be printable ASCII (got '{text}')");
        }

        return text;
    }
}
