using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

public sealed class RigDefinitionLoaderTests
{
    [Test]
    public void Loads_every_key()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", FixtureTexts.Rig);

        var rig = RigDefinitionLoader.Load(file);

        Assert.That(rig, Is.EqualTo(new RigDefinition
        {
            Name = "test-rig",
            GpioDriver = GpioDriverKind.Simulated,
            GpioChip = 4,
            Swipe = new SolenoidDefinition
            {
                Pin = 18, ActiveHigh = false, Dwell = TimeSpan.FromMilliseconds(120), MinimumRearm = TimeSpan.FromSeconds(1.5),
            },
            TerminalPower = new RelayDefinition
            {
                Pin = 5, ActiveHigh = false, Contact = RelayContact.NormallyOpen, SensePin = 6, SenseActiveHigh = false,
                SettleTime = TimeSpan.FromMilliseconds(20),
            },
            PhoneLine = new RelayDefinition
            {
                Pin = 17, ActiveHigh = true, Contact = RelayContact.NormallyClosed, SensePin = 27, SenseActiveHigh = true,
                SettleTime = TimeSpan.FromMilliseconds(50),
            },
            SimPower = new RelayDefinition { Pin = 22, SensePin = 23 },
            Attenuator = new AttenuatorDefinition { ClockPin = 24, DataPin = 25, LatchPin = 16, Bits = 5, StepDecibels = 1 },
        }));
    }

    [Test]
    public void Left_out_devices_are_not_fitted_and_left_out_keys_take_the_records_defaults()
    {
        using var directory = new TemporaryDirectory();
        // A real rig (the default driver) needs its ECR port; everything else may be left out.
        var bare = directory.Write("bare.yaml", "name: bare\necr:\n  device: /dev/ttyUSB0\n");
        var relayOnly = directory.Write("relay.yaml", "phoneLine:\n  pin: 17\necr:\n  device: /dev/ttyUSB0\n");

        Assert.That(RigDefinitionLoader.Load(bare), Is.EqualTo(new RigDefinition { Name = "bare", Ecr = new SerialPortDefinition { Device = "/dev/ttyUSB0" } }));
        var rig = RigDefinitionLoader.Load(relayOnly);
        Assert.Multiple(() =>
        {
            Assert.That(rig.Name, Is.EqualTo(new RigDefinition().Name));
            Assert.That(rig.GpioDriver, Is.EqualTo(GpioDriverKind.LibGpiodV2));
            Assert.That(rig.PhoneLine, Is.EqualTo(new RelayDefinition { Pin = 17 }));
            Assert.That(rig.PhoneLine!.SensePin, Is.Null);
            Assert.That(rig.Swipe, Is.Null);
            Assert.That(rig.Attenuator, Is.Null);
        });
    }

    // Each case replaces (or removes) one line of FixtureTexts.Rig; section keys sit at column 3.
    [TestCase(7, "dwell: 150", 7, 3, "swipe.dwell", "must be a duration with a unit, like 60s, 500ms or 1.5s (got '150')")]
    [TestCase(7, "dwell: 00:00:00.150", 7, 3, "swipe.dwell", "must be a duration with a unit")]
    [TestCase(7, "dwell: 0ms", 7, 3, "swipe.dwell", "must be > 0 (got 0s)")]
    [TestCase(8, "minimumRearm: soon", 8, 3, "swipe.minimumRearm", "(got 'soon')")]
    [TestCase(15, "settleTime: 50", 15, 3, "terminalPower.settleTime", "must be a duration with a unit")]
    [TestCase(2, "gpioDriver: LibGpiodV3", 2, 1, "gpioDriver",
        "must be one of LibGpiodV2, LibGpiod, RaspberryPi3, SysFs, Automatic, Simulated (got 'LibGpiodV3') (did you mean 'LibGpiodV2'?)")]
    [TestCase(2, "gpioDriver: 5", 2, 1, "gpioDriver", "must be one of LibGpiodV2, LibGpiod, RaspberryPi3, SysFs, Automatic, Simulated (got '5')")]
    [TestCase(2, "gpioDriver: simulated", 2, 1, "gpioDriver", "(did you mean 'Simulated'?)")]
    [TestCase(12, "contact: NC", 12, 3, "terminalPower.contact", "must be one of NormallyClosed, NormallyOpen (got 'NC')")]
    [TestCase(3, "gpioChip: -1", 3, 1, "gpioChip", "must be a gpiochip number >= 0 (got -1)")]
    [TestCase(3, "gpioChip: zero", 3, 1, "gpioChip", "must be a whole number (got 'zero')")]
    [TestCase(20, "sensePin: 54", 20, 3, "phoneLine.sensePin", "must be a BCM GPIO number between 0 and 53 (got 54)")]
    [TestCase(17, "pin: -1", 17, 3, "phoneLine.pin", "between 0 and 53 (got -1)")]
    [TestCase(20, "sensePin: GPIO27", 20, 3, "phoneLine.sensePin", "must be a whole number (got 'GPIO27')")]
    [TestCase(20, "sensePin:", 20, 3, "phoneLine.sensePin", "must not be empty")]
    [TestCase(27, "clockPin: 60", 27, 3, "attenuator.clockPin", "between 0 and 53 (got 60)")]
    [TestCase(5, "pin: 18.5", 5, 3, "swipe.pin", "must be a whole number (got '18.5')")]
    [TestCase(6, "activeHigh: yes", 6, 3, "swipe.activeHigh", "must be true or false (got 'yes')")]
    [TestCase(21, "senseActiveHigh: 1", 21, 3, "phoneLine.senseActiveHigh", "must be true or false (got '1')")]
    [TestCase(30, "bits: 0", 30, 3, "attenuator.bits", "must be between 1 and 16 (got 0)")]
    [TestCase(30, "bits: 40", 30, 3, "attenuator.bits", "must be between 1 and 16 (got 40)")]
    [TestCase(31, "stepDecibels: 0", 31, 3, "attenuator.stepDecibels", "must be > 0 (got 0)")]
    [TestCase(31, "stepDecibels: half", 31, 3, "attenuator.stepDecibels", "must be a number (got 'half')")]
    [TestCase(1, "name: [a, b]", 1, 1, "name", "must be a single value (got a list)")]
    [TestCase(1, "nme: test-rig", 1, 1, "nme", "unknown key (did you mean 'name'?); allowed keys: name, gpioDriver, gpioChip, swipe")]
    [TestCase(16, "phoneline:", 16, 1, "phoneline", "unknown key (did you mean 'phoneLine'?)")]
    [TestCase(13, "sensPin: 6", 13, 3, "terminalPower.sensPin",
        "unknown key (did you mean 'sensePin'?); allowed keys: pin, activeHigh, contact, sensePin, senseActiveHigh, settleTime")]
    [TestCase(28, "dataPn: 25", 28, 3, "attenuator.dataPn", "unknown key (did you mean 'dataPin'?)")]
    [TestCase(8, "rearm: 1s", 8, 3, "swipe.rearm", "unknown key; allowed keys: pin, activeHigh, dwell, minimumRearm")]
    [TestCase(17, "", 17, 3, "phoneLine.pin", "required key is missing")]
    [TestCase(29, "", 27, 3, "attenuator.latchPin", "required key is missing")]
    public void Reports_bad_values_at_their_key(int lineToReplace, string replacement, int line, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, lineToReplace, replacement));

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, line, column, keyPath, problem);
    }

    [Test]
    public void Reports_the_documented_message_format()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, 20, "sensePin: 99"));

        var error = Assert.Throws<CampaignFileException>(() => RigDefinitionLoader.Load(file))!;

        Assert.That(error.Message, Is.EqualTo($"{file}:20:3: phoneLine.sensePin: must be a BCM GPIO number between 0 and 53 (got 99)"));
    }

    // The second use in the file is reported, whichever device comes first in RigDefinition.PinAssignments().
    [TestCase(20, "sensePin: 25", 28, 3, "attenuator.dataPin", "GPIO 25 is wired to more than one use (phone line sense, attenuator data); first used at line 20 (phoneLine.sensePin)")]
    [TestCase(29, "latchPin: 18", 29, 3, "attenuator.latchPin", "GPIO 18 is wired to more than one use (swipe solenoid, attenuator latch); first used at line 5 (swipe.pin)")]
    [TestCase(13, "sensePin: 5", 13, 3, "terminalPower.sensePin", "GPIO 5 is wired to more than one use (terminal power relay, terminal power sense)")]
    [TestCase(25, "sensePin: 22", 25, 3, "simPower.sensePin", "(SIM power relay, SIM power sense); first used at line 24 (simPower.pin)")]
    public void Reports_a_shared_pin_at_its_second_use(int lineToReplace, string replacement, int line, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, lineToReplace, replacement));

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, line, column, keyPath, problem);
    }

    [Test]
    public void Reports_a_shared_pin_at_its_second_use_in_the_file_when_sections_are_reordered()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", """
            attenuator:
              clockPin: 24
              dataPin: 25
              latchPin: 16
            swipe:
              pin: 24
            """);

        FixtureErrorAssert.Throws(
            () => RigDefinitionLoader.Load(file), file, 6, 3, "swipe.pin",
            "GPIO 24 is wired to more than one use (swipe solenoid, attenuator clock); first used at line 2 (attenuator.clockPin)");
    }

    [Test]
    public void Reports_the_first_clash_in_the_file_when_several_pins_are_shared()
    {
        using var directory = new TemporaryDirectory();
        var text = FixtureTexts.ReplaceLineAt(FixtureTexts.Rig, 27, "clockPin: 18"); // clashes with swipe.pin (line 5)
        text = FixtureTexts.ReplaceLineAt(text, 24, "pin: 17"); // clashes with phoneLine.pin (line 17)
        var file = directory.Write("rig.yaml", text);

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, 24, 3, "simPower.pin", "GPIO 17 is wired to more than one use");
    }

    [Test]
    public void Reports_a_device_that_is_not_a_mapping()
    {
        using var directory = new TemporaryDirectory();
        var scalar = directory.Write("scalar.yaml", "name: r\nswipe: 18\n");
        var empty = directory.Write("empty.yaml", "name: r\nphoneLine:\n");
        var list = directory.Write("list.yaml", "name: r\nattenuator: [24, 25, 16]\n");

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(scalar), scalar, 2, 1, "swipe", "must be a mapping of keys (got '18'); leave the key out");
        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(empty), empty, 2, 1, "phoneLine", "must be a mapping of keys (got nothing)");
        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(list), list, 2, 1, "attenuator", "must be a mapping of keys (got a list)");
    }

    [Test]
    public void Reports_file_level_problems()
    {
        using var directory = new TemporaryDirectory();
        var empty = directory.Write("empty.yaml", "");
        var list = directory.Write("list.yaml", "- pin: 5\n");
        var invalid = directory.Write("invalid.yaml", "name: r\nswipe: {pin: 18\n");
        var missing = Path.Combine(directory.Path, "nope.yaml");

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(empty), empty, 1, 1, "", "file is empty");
        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(list), list, 1, 1, "", "expected a mapping");
        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(missing), missing, 1, 1, "", "cannot read file");
        var error = Assert.Throws<CampaignFileException>(() => RigDefinitionLoader.Load(invalid))!;
        Assert.That(error.Problem, Does.StartWith("invalid YAML"));
        Assert.That(error.Message, Does.StartWith(invalid + ":"));
    }
}
