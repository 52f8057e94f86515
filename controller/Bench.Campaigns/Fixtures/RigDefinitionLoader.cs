using System.Globalization;
using System.IO.Ports;
using System.Net;
using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a rig definition (fixtures/rigs/*.yaml) into a <see cref="RigDefinition"/>. Keys are the camelCase of
/// the record's properties; a device section left out is a device not fitted on this rig; keys left out inside
/// a section take the record's defaults. Durations are written with a unit (<c>150ms</c>, <c>1s</c>).
/// The <c>i2c:</c> section lists the chips on the bus by name, chip and address (<c>0x40</c> or decimal);
/// <c>servo:</c>, <c>supplyCurrent:</c> and a relay's <c>expander:</c> refer to them by name.
/// </summary>
public static class RigDefinitionLoader
{
    /// <summary>Highest BCM GPIO number (the BCM283x/RP1 banks number 0–53; the 40-pin header uses 2–27).</summary>
    public const int MaximumPin = 53;

    /// <summary>Widest attenuator control word accepted (the PE4302 uses 6 bits).</summary>
    public const int MaximumAttenuatorBits = 16;

    /// <summary>Highest pin number of an MCP23017 (GPA0–7 are 0–7, GPB0–7 are 8–15).</summary>
    public const int MaximumExpanderPin = 15;

    private static readonly string[] RigKeys =
        ["name", "gpioDriver", "gpioChip", "swipe", "terminalPower", "phoneLine", "simPower", "attenuator", "i2c", "swiper", "servo", "supplyCurrent", "ecr", "console", "host"];

    private static readonly string[] SerialPortKeys = ["device", "baudRate", "dataBits", "parity", "stopBits"];

    private static readonly string[] HostKeys = ["listen", "port"];

    private static readonly string[] I2cKeys = ["bus", "devices"];

    private static readonly string[] I2cDeviceKeys = ["name", "chip", "address"];

    private static readonly string[] ServoKeys =
    [
        "device", "channel", "pwmFrequency", "maximumAngle", "minimumPulseWidthMicroseconds", "maximumPulseWidthMicroseconds",
        "restAngle", "endAngle", "strokeTime", "stepInterval",
    ];

    private static readonly string[] SupplyCurrentKeys =
        ["device", "shuntOhms", "currentLsbMilliamperes", "sampleInterval", "offBelowMilliamperes", "onAboveMilliamperes", "settleTime"];

    private static readonly string[] SolenoidKeys = ["pin", "activeHigh", "dwell", "minimumRearm"];

    private static readonly string[] RelayKeys = ["pin", "activeHigh", "contact", "sensePin", "senseActiveHigh", "settleTime", "expander"];

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

        var i2c = reader.OptionalMapping("i2c") is { } bus ? ReadI2c(bus, pins) : null;
        var swiper = ReadSwiper(reader);
        var definition = new RigDefinition
        {
            Name = reader.OptionalString("name") ?? defaults.Name,
            GpioDriver = reader.OptionalEnum<GpioDriverKind>("gpioDriver") ?? defaults.GpioDriver,
            GpioChip = (int)gpioChip,
            I2c = i2c,
            Swiper = swiper,
            Swipe = reader.OptionalMapping("swipe") is { } swipe ? ReadSolenoid(swipe, pins) : null,
            Servo = reader.OptionalMapping("servo") is { } servo ? ReadServo(servo, i2c) : null,
            TerminalPower = reader.OptionalMapping("terminalPower") is { } power ? ReadRelay(power, pins, i2c) : null,
            PhoneLine = reader.OptionalMapping("phoneLine") is { } line ? ReadRelay(line, pins, i2c) : null,
            SimPower = reader.OptionalMapping("simPower") is { } sim ? ReadRelay(sim, pins, i2c) : null,
            Attenuator = reader.OptionalMapping("attenuator") is { } attenuator ? ReadAttenuator(attenuator, pins) : null,
            SupplyCurrent = reader.OptionalMapping("supplyCurrent") is { } supply ? ReadSupplyCurrent(supply, i2c) : null,
            Ecr = reader.OptionalMapping("ecr") is { } ecr ? ReadSerialPort(ecr, defaultBaudRate: 9600) : null,
            Console = reader.OptionalMapping("console") is { } console ? ReadSerialPort(console, defaultBaudRate: 115_200) : null,
            Host = reader.OptionalMapping("host") is { } host ? ReadHost(host) : defaults.Host,
        };


        if (swiper == SwiperKind.Servo && definition.Servo is null)
        {
            throw reader.Error("swiper", "is servo, but the rig has no servo: section");
        }

        if (swiper == SwiperKind.Solenoid && reader.Has("swiper") && definition.Swipe is null)
        {
            throw reader.Error("swiper", "is solenoid, but the rig has no swipe: section");
        }

        RejectSharedPins(definition, pins);
        // A real rig reaches its terminal only through the ECR port: without one no trial could start.
        if (!definition.IsSimulated && definition.Ecr is null)
        {
            throw reader.Error("ecr.device", $"is required on a real rig (gpioDriver {definition.GpioDriver}): the terminal's ECR serial port, e.g. ecr: {{device: /dev/bench-ecr}}");
        }

        return definition;
    }

    private static SerialPortDefinition ReadSerialPort(YamlMappingReader reader, int defaultBaudRate)
    {
        reader.RejectUnknownKeys(SerialPortKeys);
        var device = reader.RequiredString("device");
        var baudRate = reader.OptionalInteger("baudRate") ?? defaultBaudRate;
        if (baudRate is < 50 or > 4_000_000)
        {
            throw reader.Error("baudRate", $"must be a line speed between 50 and 4000000 (got {baudRate})");
        }

        var dataBits = reader.OptionalInteger("dataBits") ?? 8;
        if (dataBits is < 5 or > 8)
        {
            throw reader.Error("dataBits", $"must be 5, 6, 7 or 8 (got {dataBits})");
        }

        return new SerialPortDefinition
        {
            Device = device,
            BaudRate = (int)baudRate,
            DataBits = (int)dataBits,
            Parity = ReadParity(reader),
            StopBits = ReadStopBits(reader),
        };
    }

    private static Parity ReadParity(YamlMappingReader reader)
    {
        if (reader.OptionalString("parity") is not { } text)
        {
            return Parity.None;
        }

        return Enum.TryParse<Parity>(text, ignoreCase: true, out var parity) && Enum.IsDefined(parity) && !char.IsDigit(text[0])
            ? parity
            : throw reader.Error("parity", $"must be none, odd, even, mark or space (got '{text}')");
    }

    private static StopBits ReadStopBits(YamlMappingReader reader) => reader.OptionalNumber("stopBits") switch
    {
        null or 1 => StopBits.One,
        1.5 => StopBits.OnePointFive,
        2 => StopBits.Two,
        var other => throw reader.Error("stopBits", $"must be 1, 1.5 or 2 (got {other.Value.ToString(CultureInfo.InvariantCulture)})"),
    };

    private static HostListenDefinition ReadHost(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(HostKeys);
        var defaults = new HostListenDefinition();
        var listen = defaults.Listen;
        if (reader.OptionalString("listen") is { } text && !IPAddress.TryParse(text, out listen))
        {
            throw reader.Error("listen", $"must be an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0 (got '{text}')");
        }

        var port = reader.OptionalInteger("port") ?? defaults.Port;
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            throw reader.Error("port", $"must be a TCP port between 0 (any free one) and 65535 (got {port})");
        }

        return new HostListenDefinition { Listen = listen!, Port = (int)port };
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

    private static RelayDefinition ReadRelay(YamlMappingReader reader, List<PinSource> pins, I2cBusDefinition? i2c)
    {
        reader.RejectUnknownKeys(RelayKeys);
        var defaults = new RelayDefinition { Pin = 0 };
        var expander = reader.OptionalString("expander");
        if (expander is not null)
        {
            RequireDevice(reader, "expander", expander, I2cChip.Mcp23017, i2c);
        }

        var senseActiveHigh = reader.OptionalBoolean("senseActiveHigh") ?? defaults.SenseActiveHigh;
        if (expander is not null && reader.Has("sensePin") && senseActiveHigh)
        {
            var key = reader.Has("senseActiveHigh") ? "senseActiveHigh" : "sensePin";
            throw reader.Error(key, "an MCP23017 input has only a pull-up: wire the sense contact to ground and set senseActiveHigh: false");
        }

        return new RelayDefinition
        {
            Pin = RequiredPin(reader, "pin", pins, expander),
            Expander = expander,
            ActiveHigh = reader.OptionalBoolean("activeHigh") ?? defaults.ActiveHigh,
            Contact = reader.OptionalEnum<RelayContact>("contact") ?? defaults.Contact,
            SensePin = reader.Has("sensePin") ? RequiredPin(reader, "sensePin", pins, expander) : null,
            SenseActiveHigh = senseActiveHigh,
            SettleTime = reader.OptionalDuration("settleTime") ?? defaults.SettleTime,
        };
    }

    private static SwiperKind ReadSwiper(YamlMappingReader reader) => reader.OptionalString("swiper") switch
    {
        null or "solenoid" => SwiperKind.Solenoid,
        "servo" => SwiperKind.Servo,
        var other => throw reader.Error("swiper", $"must be solenoid or servo (got '{other}')"),
    };

    private static I2cBusDefinition ReadI2c(YamlMappingReader reader, List<PinSource> pins)
    {
        reader.RejectUnknownKeys(I2cKeys);
        var bus = reader.OptionalInteger("bus") ?? new I2cBusDefinition().BusId;
        if (bus is < 0 or > 255)
        {
            throw reader.Error("bus", $"must be an I2C bus number (/dev/i2c-N) between 0 and 255 (got {bus})");
        }

        var devices = new List<I2cDeviceDefinition>();
        foreach (var entry in reader.RequiredListOfMappings("devices"))
        {
            entry.RejectUnknownKeys(I2cDeviceKeys);
            var device = new I2cDeviceDefinition
            {
                Name = entry.RequiredString("name"),
                Chip = entry.OptionalEnum<I2cChip>("chip") ?? throw entry.MissingKey("chip"),
                Address = ReadAddress(entry),
            };
            if (devices.FirstOrDefault(other => other.Name == device.Name) is not null)
            {
                throw entry.Error("name", $"'{device.Name}' names two I2C devices; give each its own name");
            }

            if (devices.FirstOrDefault(other => other.Address == device.Address) is { } taken)
            {
                throw entry.Error("address", $"0x{device.Address:X2} is used twice on I2C bus {bus} (also by '{taken.Name}'); set the chip's address pins apart");
            }

            devices.Add(device);
        }

        var definition = new I2cBusDefinition { BusId = (int)bus, Devices = devices };
        var (line, column) = reader.Has("bus") ? reader.LocationOf("bus") : reader.LocationOf("devices");
        var key = reader.Has("bus") ? "bus" : "devices";
        foreach (var pin in definition.HeaderPins())
        {
            pins.Add(new PinSource(pin.Pin, null, reader, key, line, column));
        }

        return definition;
    }

    private static int ReadAddress(YamlMappingReader entry)
    {
        var text = entry.RequiredString("address");
        var parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : -1
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
        var chip = entry.OptionalEnum<I2cChip>("chip")!.Value;
        var (low, high) = chip switch
        {
            I2cChip.Mcp23017 => (0x20, 0x27),
            I2cChip.Ina219 => (0x40, 0x4F),
            _ => (0x40, 0x7F),
        };
        if (parsed < low || parsed > high)
        {
            throw entry.Error("address", $"must be a {chip} address between 0x{low:X2} and 0x{high:X2}, e.g. 0x{low:X2} (got '{text}')");
        }

        return parsed;
    }

    private static void RequireDevice(YamlMappingReader reader, string key, string name, I2cChip chip, I2cBusDefinition? i2c)
    {
        if (i2c is null)
        {
            throw reader.Error(key, $"names I2C device '{name}', but the rig has no i2c: section");
        }

        if (i2c.Find(name) is not { } device)
        {
            var names = i2c.Devices.Select(d => d.Name).ToList();
            var hint = KeySuggestion.Closest(name, names);
            throw reader.Error(key, $"unknown I2C device '{name}' (devices: {string.Join(", ", names)}){(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }

        if (device.Chip != chip)
        {
            throw reader.Error(key, $"'{name}' is a {device.Chip}; this needs a {chip}");
        }
    }

    private static ServoSwiperDefinition ReadServo(YamlMappingReader reader, I2cBusDefinition? i2c)
    {
        reader.RejectUnknownKeys(ServoKeys);
        var device = reader.RequiredString("device");
        RequireDevice(reader, "device", device, I2cChip.Pca9685, i2c);
        var defaults = new ServoSwiperDefinition { Device = device };

        var channel = reader.OptionalInteger("channel") ?? defaults.Channel;
        if (channel is < 0 or > 15)
        {
            throw reader.Error("channel", $"must be a PCA9685 output between 0 and 15 (got {channel})");
        }

        // The prescaler (3–255) on the 25 MHz oscillator reaches 24–1526 Hz.
        var frequency = reader.OptionalNumber("pwmFrequency") ?? defaults.PwmFrequency;
        if (frequency is < 24 or > 1526)
        {
            throw reader.Error("pwmFrequency", $"must be between 24 and 1526 Hz, what the PCA9685 can make (got {frequency})");
        }

        var maximumAngle = reader.OptionalNumber("maximumAngle") ?? defaults.MaximumAngle;
        if (maximumAngle is <= 0 or > 360)
        {
            throw reader.Error("maximumAngle", $"must be above 0 and at most 360 degrees (got {maximumAngle})");
        }

        var minimumPulse = reader.OptionalNumber("minimumPulseWidthMicroseconds") ?? defaults.MinimumPulseWidthMicroseconds;
        var maximumPulse = reader.OptionalNumber("maximumPulseWidthMicroseconds") ?? defaults.MaximumPulseWidthMicroseconds;
        if (minimumPulse < 0)
        {
            throw reader.Error("minimumPulseWidthMicroseconds", $"must be >= 0 (got {minimumPulse})");
        }

        if (maximumPulse <= minimumPulse || maximumPulse >= 1_000_000 / frequency)
        {
            throw reader.Error(
                reader.Has("maximumPulseWidthMicroseconds") ? "maximumPulseWidthMicroseconds" : "minimumPulseWidthMicroseconds",
                $"the pulse widths must rise from minimum to maximum within one PWM period ({1_000_000 / frequency:0} µs) (got {minimumPulse} to {maximumPulse})");
        }

        var rest = ReadAngle(reader, "restAngle", defaults.RestAngle, maximumAngle);
        var end = ReadAngle(reader, "endAngle", defaults.EndAngle, maximumAngle);
        if (rest == end)
        {
            throw reader.Error("endAngle", $"must differ from restAngle ({rest}): the stroke would not move the card");
        }

        var stroke = reader.OptionalDuration("strokeTime") ?? defaults.StrokeTime;
        if (stroke <= TimeSpan.Zero)
        {
            throw reader.Error("strokeTime", $"must be > 0 (got {DurationText.Format(stroke)})");
        }

        var step = reader.OptionalDuration("stepInterval") ?? defaults.StepInterval;
        var period = TimeSpan.FromSeconds(1 / frequency);
        if (step < period || step > stroke)
        {
            throw reader.Error(
                reader.Has("stepInterval") ? "stepInterval" : "strokeTime",
                $"the step interval ({DurationText.Format(step)}) must be at least one PWM period ({period.TotalMilliseconds:0.#}ms, the servo sees no finer step) and at most the stroke time ({DurationText.Format(stroke)})");
        }

        return new ServoSwiperDefinition
        {
            Device = device,
            Channel = (int)channel,
            PwmFrequency = frequency,
            MaximumAngle = maximumAngle,
            MinimumPulseWidthMicroseconds = minimumPulse,
            MaximumPulseWidthMicroseconds = maximumPulse,
            RestAngle = rest,
            EndAngle = end,
            StrokeTime = stroke,
            StepInterval = step,
        };
    }

    private static double ReadAngle(YamlMappingReader reader, string key, double fallback, double maximumAngle)
    {
        var angle = reader.OptionalNumber(key) ?? fallback;
        if (angle < 0 || angle > maximumAngle)
        {
            throw reader.Error(key, $"must be between 0 and maximumAngle {maximumAngle} degrees (got {angle})");
        }

        return angle;
    }

    private static SupplyCurrentDefinition ReadSupplyCurrent(YamlMappingReader reader, I2cBusDefinition? i2c)
    {
        reader.RejectUnknownKeys(SupplyCurrentKeys);
        var device = reader.RequiredString("device");
        RequireDevice(reader, "device", device, I2cChip.Ina219, i2c);
        var defaults = new SupplyCurrentDefinition { Device = device };

        var shunt = reader.OptionalNumber("shuntOhms") ?? defaults.ShuntOhms;
        if (shunt <= 0)
        {
            throw reader.Error("shuntOhms", $"must be > 0 (got {shunt})");
        }

        var lsb = reader.OptionalNumber("currentLsbMilliamperes") ?? defaults.CurrentLsbMilliamperes;
        var calibration = lsb > 0 ? SupplyCurrentDefinition.CalibrationScale / (lsb / 1000 * shunt) : double.PositiveInfinity;
        if (calibration is < 2 or > 0xFFFE)
        {
            throw reader.Error(
                reader.Has("currentLsbMilliamperes") ? "currentLsbMilliamperes" : "shuntOhms",
                $"gives an INA219 calibration of {calibration:0.#}, outside 2–65534 (0.04096 / (current LSB in A × shunt in Ω)); choose another current LSB");
        }

        var interval = reader.OptionalDuration("sampleInterval") ?? defaults.SampleInterval;
        if (interval <= TimeSpan.Zero)
        {
            throw reader.Error("sampleInterval", $"must be > 0 (got {DurationText.Format(interval)})");
        }

        var off = reader.OptionalNumber("offBelowMilliamperes") ?? defaults.OffBelowMilliamperes;
        var on = reader.OptionalNumber("onAboveMilliamperes") ?? defaults.OnAboveMilliamperes;
        if (off <= 0 || on <= off)
        {
            throw reader.Error(
                reader.Has("onAboveMilliamperes") ? "onAboveMilliamperes" : "offBelowMilliamperes",
                $"the off threshold must be above 0 and below the on threshold (got off below {off} mA, on above {on} mA)");
        }

        return new SupplyCurrentDefinition
        {
            Device = device,
            ShuntOhms = shunt,
            CurrentLsbMilliamperes = lsb,
            SampleInterval = interval,
            OffBelowMilliamperes = off,
            OnAboveMilliamperes = on,
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

    private static int RequiredPin(YamlMappingReader reader, string key, List<PinSource> pins, string? expander = null)
    {
        var pin = reader.RequiredInteger(key);
        if (expander is null && pin is < 0 or > MaximumPin)
        {
            throw reader.Error(key, $"must be a BCM GPIO number between 0 and {MaximumPin} (got {pin})");
        }

        if (expander is not null && pin is < 0 or > MaximumExpanderPin)
        {
            throw reader.Error(key, $"must be an MCP23017 pin between 0 and {MaximumExpanderPin} (GPA0–7 are 0–7, GPB0–7 are 8–15) (got {pin})");
        }

        var (line, column) = reader.LocationOf(key);
        pins.Add(new PinSource((int)pin, expander, reader, key, line, column));
        return (int)pin;
    }

    // The rig refuses a shared pin when it opens (Rig.CheckPins); catching it here points at the line to fix.
    // Reported at the use that comes second in the file, whatever order the sections are written in.
    private static void RejectSharedPins(RigDefinition definition, List<PinSource> pins)
    {
        var clashes =
            from shared in definition.PinAssignments().Concat(definition.ExpanderPinAssignments()).GroupBy(assignment => (assignment.Expander, assignment.Pin))
            where shared.Count() > 1
            let uses = pins.Where(source => source.Pin == shared.Key.Pin && source.Expander == shared.Key.Expander)
                .OrderBy(source => source.Line).ThenBy(source => source.Column).ToList()
            where uses.Count > 1
            orderby uses[1].Line, uses[1].Column
            select (Where: shared.First().Where, Uses: shared.Select(assignment => assignment.Use).ToList(), First: uses[0], Second: uses[1]);

        if (clashes.FirstOrDefault() is { Uses: not null } clash)
        {
            throw clash.Second.Reader.Error(
                clash.Second.Key,
                $"{clash.Where} is wired to more than one use ({string.Join(", ", clash.Uses)}); " +
                $"first used at line {clash.First.Line} ({clash.First.Reader.KeyPathOf(clash.First.Key)})");
        }
    }

    private sealed record PinSource(int Pin, string? Expander, YamlMappingReader Reader, string Key, int Line, int Column);
}
