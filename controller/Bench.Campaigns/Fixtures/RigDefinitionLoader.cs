using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a rig definition (fixtures/rigs/*.yaml) into a <see cref="RigDefinition"/>. Keys are the camelCase of
/// the record's properties; a device section left out is a device not fitted on this rig; keys left out inside
/// a section take the record's defaults. Durations are written with a unit (<c>150ms</c>, <c>1s</c>).
/// </summary>
public static class RigDefinitionLoader
{
    /// <summary>Highest BCM GPIO number (the BCM283x/RP1 banks number 0–53; the 40-pin header uses 2–27).</summary>
    public const int MaximumPin = 53;

    /// <summary>Widest attenuator control word accepted (the PE4302 uses 6 bits).</summary>
    public const int MaximumAttenuatorBits = 16;

    private static readonly string[] RigKeys =
        ["name", "gpioDriver", "gpioChip", "swipe", "terminalPower", "phoneLine", "simPower", "attenuator"];

    private static readonly string[] SolenoidKeys = ["pin", "activeHigh", "dwell", "minimumRearm"];

    private static readonly string[] RelayKeys = ["pin", "activeHigh", "contact", "sensePin", "senseActiveHigh", "settleTime"];

    private static readonly string[] AttenuatorKeys = ["clockPin", "dataPin", "latchPin", "bits", "stepDecibels"];

    /// <exception cref="CampaignFileException">The file is missing, malformed, has an invalid value or uses a GPIO twice.</exception>
    public static RigDefinition Load(string file) => Load(file, FixtureOverrides.None);

    /// <summary>Loads the rig with the run's <c>--set rig.KEY</c> overrides applied.</summary>
    public static RigDefinition Load(string file, FixtureOverrides overrides)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file, FixtureKind.Rig, overrides);
        reader.RejectUnknownKeys(RigKeys);

        var pins = new List<PinSource>();
        var defaults = new RigDefinition();

        var gpioChip = reader.OptionalInteger("gpioChip") ?? defaults.GpioChip;
        if (gpioChip is < 0 or > int.MaxValue)
        {
            throw reader.Error("gpioChip", $"must be a gpiochip number >= 0 (got {gpioChip})");
        }

        var definition = new RigDefinition
        {
            Name = reader.OptionalString("name") ?? defaults.Name,
            GpioDriver = reader.OptionalEnum<GpioDriverKind>("gpioDriver") ?? defaults.GpioDriver,
            GpioChip = (int)gpioChip,
            Swipe = reader.OptionalMapping("swipe") is { } swipe ? ReadSolenoid(swipe, pins) : null,
            TerminalPower = reader.OptionalMapping("terminalPower") is { } power ? ReadRelay(power, pins) : null,
            PhoneLine = reader.OptionalMapping("phoneLine") is { } line ? ReadRelay(line, pins) : null,
            SimPower = reader.OptionalMapping("simPower") is { } sim ? ReadRelay(sim, pins) : null,
            Attenuator = reader.OptionalMapping("attenuator") is { } attenuator ? ReadAttenuator(attenuator, pins) : null,
        };

        RejectSharedPins(definition, pins);
        return definition;
    }

    private static SolenoidDefinition ReadSolenoid(YamlMappingReader reader, List<PinSource> pins)
    {
        reader.RejectUnknownKeys(SolenoidKeys);
        var defaults = new SolenoidDefinition { Pin = 0 };

        var dwell = reader.OptionalDuration("dwell") ?? defaults.Dwell;
        if (dwell <= TimeSpan.Zero)
        {
            throw reader.Error("dwell", $"must be > 0 (got {DurationText.Format(dwell)})");
        }

        return new SolenoidDefinition
        {
            Pin = RequiredPin(reader, "pin", pins),
            ActiveHigh = reader.OptionalBoolean("activeHigh") ?? defaults.ActiveHigh,
            Dwell = dwell,
            MinimumRearm = reader.OptionalDuration("minimumRearm") ?? defaults.MinimumRearm,
        };
    }

    private static RelayDefinition ReadRelay(YamlMappingReader reader, List<PinSource> pins)
    {
        reader.RejectUnknownKeys(RelayKeys);
        var defaults = new RelayDefinition { Pin = 0 };

        return new RelayDefinition
        {
            Pin = RequiredPin(reader, "pin", pins),
            ActiveHigh = reader.OptionalBoolean("activeHigh") ?? defaults.ActiveHigh,
            Contact = reader.OptionalEnum<RelayContact>("contact") ?? defaults.Contact,
            SensePin = reader.Has("sensePin") ? RequiredPin(reader, "sensePin", pins) : null,
            SenseActiveHigh = reader.OptionalBoolean("senseActiveHigh") ?? defaults.SenseActiveHigh,
            SettleTime = reader.OptionalDuration("settleTime") ?? defaults.SettleTime,
        };
    }

    private static AttenuatorDefinition ReadAttenuator(YamlMappingReader reader, List<PinSource> pins)
    {
        reader.RejectUnknownKeys(AttenuatorKeys);
        var defaults = new AttenuatorDefinition { ClockPin = 0, DataPin = 0, LatchPin = 0 };

        var bits = reader.OptionalInteger("bits") ?? defaults.Bits;
        if (bits is < 1 or > MaximumAttenuatorBits)
        {
            throw reader.Error("bits", $"must be between 1 and {MaximumAttenuatorBits} (got {bits})");
        }

        var step = reader.OptionalNumber("stepDecibels") ?? defaults.StepDecibels;
        if (step <= 0)
        {
            throw reader.Error("stepDecibels", $"must be > 0 (got {step})");
        }

        return new AttenuatorDefinition
        {
            ClockPin = RequiredPin(reader, "clockPin", pins),
            DataPin = RequiredPin(reader, "dataPin", pins),
            LatchPin = RequiredPin(reader, "latchPin", pins),
            Bits = (int)bits,
            StepDecibels = step,
        };
    }

    private static int RequiredPin(YamlMappingReader reader, string key, List<PinSource> pins)
    {
        var pin = reader.RequiredInteger(key);
        if (pin is < 0 or > MaximumPin)
        {
            throw reader.Error(key, $"must be a BCM GPIO number between 0 and {MaximumPin} (got {pin})");
        }

        var (line, column) = reader.LocationOf(key);
        pins.Add(new PinSource((int)pin, reader, key, line, column));
        return (int)pin;
    }

    // The rig refuses a shared pin when it opens (Rig.CheckPins); catching it here points at the line to fix.
    // Reported at the use that comes second in the file, whatever order the sections are written in.
    private static void RejectSharedPins(RigDefinition definition, List<PinSource> pins)
    {
        var clashes =
            from shared in definition.PinAssignments().GroupBy(assignment => assignment.Pin)
            where shared.Count() > 1
            let uses = pins.Where(source => source.Pin == shared.Key).OrderBy(source => source.Line).ThenBy(source => source.Column).ToList()
            where uses.Count > 1
            orderby uses[1].Line, uses[1].Column
            select (Pin: shared.Key, Uses: shared.Select(assignment => assignment.Use).ToList(), First: uses[0], Second: uses[1]);

        if (clashes.FirstOrDefault() is { Uses: not null } clash)
        {
            throw clash.Second.Reader.Error(
                clash.Second.Key,
                $"GPIO {clash.Pin} is wired to more than one use ({string.Join(", ", clash.Uses)}); " +
                $"first used at line {clash.First.Line} ({clash.First.Reader.KeyPathOf(clash.First.Key)})");
        }
    }

    private sealed record PinSource(int Pin, YamlMappingReader Reader, string Key, int Line, int Column);
}
