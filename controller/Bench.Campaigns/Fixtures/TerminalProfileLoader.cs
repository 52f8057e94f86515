using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a terminal model profile (fixtures/terminals/*.yaml) into a <see cref="TerminalProfile"/>, with the
/// master key its <c>masterKeyFile</c> names (<see cref="TerminalMasterKeyLoader"/>).
/// </summary>
public static class TerminalProfileLoader
{
    /// <summary>Links the rig and the simulation know how to carry (DESIGN.md §3a).</summary>
    public static readonly IReadOnlyList<string> KnownLinks = LinkKind.All;

    private static readonly string[] Keys =
    [
        "model", "link", "responseTimeout", "connectTimeout", "cardReadTimeout",
        "reversalResendCount", "simulationTimeScale", "terminalId", "merchantId", "pstn", "cellular", "firmwareBugs", "keepConnectionOpen",
        "masterKeyFile",
        "ecr", "console", "cardReader",
    ];

    private static readonly string[] PstnKeys =
        ["phoneNumber", "baudRate", "carrierLossTolerance", "dialTimeout", "dialRetries", "redialPause", "preDial"];

    private static readonly string[] CellularKeys = ["attachTime", "baseRsrp"];

    private static readonly string[] CardReaderKeys = ["slowestSwipe"];

    // A head decodes down to a few cm/s at best; a limit beyond this is a typo, not a reader.
    private static readonly TimeSpan LongestSlowestSwipe = TimeSpan.FromSeconds(10);

    // Field 41 (TID) is ans8 and field 42 (MID) ans15 on the wire: exact lengths, printable ASCII.
    private const int TerminalIdLength = 8;
    private const int MerchantIdLength = 15;

    /// <exception cref="CampaignFileException">The file is missing, malformed or has an invalid value.</exception>
    public static TerminalProfile Load(string file) => Load(file, FixtureOverrides.None);

    /// <summary>Loads the profile with the run's <c>--set terminal.KEY</c> overrides applied.</summary>
    /// <exception cref="CampaignFileException">The file is missing, malformed or has an invalid value, or an override is invalid.</exception>
    public static TerminalProfile Load(string file, FixtureOverrides overrides)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file, FixtureKind.Terminal, overrides);
        reader.RejectUnknownKeys(Keys);

        var model = reader.RequiredString("model");
        var link = reader.RequiredString("link");
        if (!KnownLinks.Contains(link, StringComparer.Ordinal))
        {
            var hint = link is "gprs" or "4g" or "lte" ? " (a GPRS/4G terminal is 'cellular')" : "";
            throw reader.Error("link", $"must be one of {string.Join(", ", KnownLinks)} (got '{link}'){hint}");
        }

        if (reader.Has("pstn") && link != LinkKind.Pstn)
        {
            throw reader.Error("pstn", $"only a terminal with link: pstn has a dial-up modem (this one has link: {link})");
        }

        if (reader.Has("cellular") && link != LinkKind.Cellular)
        {
            throw reader.Error("cellular", $"only a terminal with link: cellular has a cellular modem (this one has link: {link})");
        }

        var pstn = reader.OptionalMapping("pstn") is { } pstnReader ? ReadPstn(pstnReader) : new PstnSettings();
        var cellular = reader.OptionalMapping("cellular") is { } cellularReader ? ReadCellular(cellularReader) : new CellularSettings();
        var cardReader = reader.OptionalMapping("cardReader") is { } cardReaderReader ? ReadCardReader(cardReaderReader) : new CardReaderSettings();

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
        // Relative to the profile; a real terminal's key file lives outside the repository (an absolute path).
        var masterKey = reader.OptionalFile("masterKeyFile") is { } keyFile
            ? ReferencedFixture.Load(reader, "masterKeyFile", keyFile, TerminalMasterKeyLoader.Load)
            : null;

        return new TerminalProfile(
            model, link, responseTimeout, connectTimeout, cardReadTimeout, (int)resendCount, timeScale, terminalId, merchantId)
        {
            Pstn = pstn,
            Cellular = cellular,
            CardReader = cardReader,
            FirmwareBugs = reader.OptionalMapping("firmwareBugs") is { } bugs ? ReadFirmwareBugs(bugs) : FirmwareBugs.None,
            KeepConnectionOpen = reader.OptionalBoolean("keepConnectionOpen") ?? false,
            MasterKey = masterKey,
            EcrDialect = reader.OptionalMapping("ecr") is { } ecr ? EcrDialectLoader.Read(ecr) : null,
            ConsoleRules = EcrDialectLoader.ReadConsole(reader),
        };
    }

    /// <summary><c>firmwareBugs:</c> maps bug names (<see cref="FirmwareBugs.Switches"/>) to true or false; a bug left out is off.</summary>
    private static FirmwareBugs ReadFirmwareBugs(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(FirmwareBugs.Switches.Select(bug => bug.Name).ToList());
        return FirmwareBugs.Switches.Aggregate(FirmwareBugs.None,
            (bugs, bug) => reader.OptionalBoolean(bug.Name) is { } on ? bug.Set(bugs, on) : bugs);
    }

    private static PstnSettings ReadPstn(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(PstnKeys);
        var defaults = new PstnSettings();
        var number = reader.OptionalString("phoneNumber") ?? defaults.PhoneNumber;
        if (!number.All(character => char.IsAsciiDigit(character) || character is ',' or '*' or '#'))
        {
            throw reader.Error("phoneNumber", $"must be digits (and , * #) as ATDT dials them (got '{number}')");
        }

        var baud = reader.OptionalInteger("baudRate") ?? defaults.BaudRate;
        if (baud is not (300 or 1200 or 2400 or 9600 or 14400 or 33600))
        {
            throw reader.Error("baudRate", $"must be a modem line rate: 300, 1200, 2400, 9600, 14400 or 33600 (got {baud})");
        }

        var tolerance = reader.OptionalDuration("carrierLossTolerance") ?? defaults.CarrierLossTolerance;
        // S10 is set in tenths of a second, 1 to 254.
        if (tolerance < TimeSpan.FromSeconds(0.1) || tolerance > TimeSpan.FromSeconds(25.4))
        {
            throw reader.Error("carrierLossTolerance", $"must be between 100ms and 25.4s (the modem's S10 register) (got {DurationText.Format(tolerance)})");
        }

        var dialTimeout = reader.OptionalDuration("dialTimeout") ?? defaults.DialTimeout;
        if (dialTimeout < TimeSpan.FromSeconds(1) || dialTimeout > TimeSpan.FromSeconds(255))
        {
            throw reader.Error("dialTimeout", $"must be between 1s and 255s (the modem's S7 register) (got {DurationText.Format(dialTimeout)})");
        }

        var retries = reader.OptionalInteger("dialRetries") ?? defaults.DialRetries;
        if (retries is < 0 or > 9)
        {
            throw reader.Error("dialRetries", $"must be between 0 and 9 (got {retries})");
        }

        var pause = reader.OptionalDuration("redialPause") ?? defaults.RedialPause;
        if (pause < TimeSpan.Zero || pause > TimeSpan.FromMinutes(5))
        {
            throw reader.Error("redialPause", $"must be between 0s and 5min (got {DurationText.Format(pause)})");
        }

        return new PstnSettings
        {
            PhoneNumber = number,
            BaudRate = (int)baud,
            CarrierLossTolerance = tolerance,
            DialTimeout = dialTimeout,
            DialRetries = (int)retries,
            RedialPause = pause,
            PreDial = reader.OptionalBoolean("preDial") ?? defaults.PreDial,
        };
    }

    private static CellularSettings ReadCellular(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(CellularKeys);
        var defaults = new CellularSettings();
        var attach = reader.OptionalDuration("attachTime") ?? defaults.AttachTime;
        if (attach < TimeSpan.Zero || attach > TimeSpan.FromMinutes(10))
        {
            throw reader.Error("attachTime", $"must be between 0s and 10min (got {DurationText.Format(attach)})");
        }

        var rsrp = reader.OptionalNumber("baseRsrp") ?? defaults.BaseRsrpDbm;
        if (rsrp is < -140 or > -40)
        {
            throw reader.Error("baseRsrp", $"must be an RSRP in dBm between -140 and -40 (got {rsrp})");
        }

        return new CellularSettings { AttachTime = attach, BaseRsrpDbm = rsrp };
    }

    private static CardReaderSettings ReadCardReader(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(CardReaderKeys);
        var defaults = new CardReaderSettings();
        var slowest = reader.OptionalDuration("slowestSwipe") ?? defaults.SlowestSwipe;
        if (slowest <= TimeSpan.Zero || slowest > LongestSlowestSwipe)
        {
            throw reader.Error("slowestSwipe", $"must be > 0 and at most {DurationText.Format(LongestSlowestSwipe)}: the longest the card may take to cross the head (got {DurationText.Format(slowest)})");
        }

        return new CardReaderSettings { SlowestSwipe = slowest };
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
