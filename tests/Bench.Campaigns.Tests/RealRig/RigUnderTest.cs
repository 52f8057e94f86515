using System.Device.Gpio;
using System.Device.I2c;
using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.I2c;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// The rig the Hardware tests talk to: the rig file named by <c>BENCH_RIG_DEFINITION</c> (default
/// fixtures/rigs/pi5-rig.yaml), its GPIO chip opened with the driver the file names and its I2C chips on the
/// file's bus. Every way the hardware can be missing (no gpiochip, I2C not enabled, no permission, a chip that
/// does not answer) fails the test with a message saying what to check. A rig file naming the Simulated driver
/// gets the register-level simulated chips and the wiring harness instead, which is how this suite's own logic
/// is checked on a machine without a rig.
/// </summary>
internal sealed class RigUnderTest : IDisposable
{
    /// <summary>The environment variable naming the rig file.</summary>
    public const string RigFileVariable = "BENCH_RIG_DEFINITION";

    private readonly SimulatedGpioDriver? simulatedDriver;
    private readonly SimulatedI2cBus? simulatedBus;
    private readonly WiringHarness? harness;
    private GpioController? gpio;

    private RigUnderTest(string file, RigDefinition definition)
    {
        File = file;
        Definition = definition;
        if (IsSimulated)
        {
            int highestPin = definition.PinAssignments().Select(pin => pin.Pin).DefaultIfEmpty(0).Max();
            simulatedDriver = new SimulatedGpioDriver(Math.Max(28, highestPin + 1));
            simulatedBus = new SimulatedI2cBus(definition);
            harness = new WiringHarness(simulatedDriver, definition, i2c: simulatedBus);
        }
    }

    /// <summary>The rig file's path.</summary>
    public string File { get; }

    /// <summary>The rig file's contents.</summary>
    public RigDefinition Definition { get; }

    /// <summary>True when the rig file names the simulated driver (the suite checking itself).</summary>
    public bool IsSimulated => Definition.GpioDriver == GpioDriverKind.Simulated;

    /// <summary>
    /// The header's controller, opened on first use with the driver and gpiochip the rig file names. The rig file's
    /// own relay pins are opened by the tests, never by this class.
    /// </summary>
    public GpioController Gpio => gpio ??= OpenGpio();

    /// <summary>Loads the rig file the environment names; a bad file fails the test with its file:line:column message.</summary>
    public static RigUnderTest Open()
    {
        string file = RigFile();
        if (!System.IO.File.Exists(file))
        {
            Assert.Fail($"rig file {file} does not exist: set {RigFileVariable} to the rig YAML of this Pi (see fixtures/rigs/)");
        }

        try
        {
            return new RigUnderTest(file, RigDefinitionLoader.Load(file));
        }
        catch (CampaignFileException exception)
        {
            Assert.Fail($"{RigFileVariable}: {exception.Message}");
            throw;
        }
    }

    /// <summary>
    /// The rig file <c>BENCH_RIG_DEFINITION</c> names, or the reference rig's. A relative path is taken from the
    /// repository's root: <c>dotnet test</c> runs the tests in their output folder, not where it was typed.
    /// </summary>
    public static string RigFile() =>
        Environment.GetEnvironmentVariable(RigFileVariable) is { Length: > 0 } named
            ? Path.GetFullPath(named, RepositoryFiles.Root)
            : RepositoryFiles.Fixture(Path.Combine("rigs", "pi5-rig.yaml"));

    /// <summary>The chips of <paramref name="chip"/>'s kind on the rig's I2C bus; the test is ignored when the rig file fits none.</summary>
    public IReadOnlyList<I2cDeviceDefinition> ChipsOf(I2cChip chip)
    {
        var chips = Definition.I2c?.Devices.Where(device => device.Chip == chip).ToList() ?? [];
        if (chips.Count == 0)
        {
            Assert.Ignore($"rig '{Definition.Name}' ({File}) fits no {chip} on an I2C bus: nothing to test");
        }

        return chips;
    }

    /// <summary>
    /// Opens <paramref name="chip"/> on the rig file's bus. The caller owns the device (or hands it to a binding
    /// that does). A real bus that is not there, or not ours to open, fails the test saying how to enable it.
    /// </summary>
    public I2cDevice OpenI2c(I2cDeviceDefinition chip)
    {
        ArgumentNullException.ThrowIfNull(chip);
        I2cBusDefinition bus = Definition.I2c ?? throw new InvalidOperationException($"rig '{Definition.Name}' has no I2C bus");
        if (simulatedBus is not null)
        {
            return simulatedBus.Open(chip);
        }

        string device = $"/dev/i2c-{bus.BusId}";
        if (!System.IO.File.Exists(device))
        {
            Assert.Fail(
                $"{device} does not exist, so {chip.Chip} '{chip.Name}' (0x{chip.Address:X2}) cannot be reached: enable I2C " +
                "(sudo raspi-config nonint do_i2c 0, or dtparam=i2c_arm=on in /boot/firmware/config.txt, then reboot) on the rig's Pi");
        }

        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(bus.BusId, chip.Address));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            Assert.Fail($"{device} could not be opened for {chip.Chip} '{chip.Name}': {exception.Message} (the user running the tests must be in the i2c group)");
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="transfer"/> against <paramref name="chip"/>; a transfer the chip does not acknowledge
    /// (Linux reports it as an I/O error) fails the test naming the chip, its address and what to check.
    /// </summary>
    public T Answer<T>(I2cDeviceDefinition chip, string what, Func<T> transfer)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(transfer);
        try
        {
            return transfer();
        }
        catch (IOException exception)
        {
            Assert.Fail(
                $"{chip.Chip} '{chip.Name}' at 0x{chip.Address:X2} on I2C bus {Definition.I2c?.BusId} did not answer ({what}): {exception.Message}. " +
                $"Check its 3.3 V supply, SDA/SCL and address pins; `i2cdetect -y {Definition.I2c?.BusId}` lists the addresses that answer");
            throw;
        }
    }

    /// <summary>The relays the rig file fits, by circuit name, on the header (no expander) or on the expander named.</summary>
    public IReadOnlyList<(string Circuit, RelayDefinition Relay)> Relays(string? expander)
    {
        (string, RelayDefinition?)[] all =
        [
            ("terminal power", Definition.TerminalPower),
            ("phone line", Definition.PhoneLine),
            ("SIM power", Definition.SimPower),
        ];
        return all
            .Where(entry => entry.Item2 is not null && entry.Item2.Expander == expander)
            .Select(entry => (entry.Item1, entry.Item2!))
            .ToList();
    }

    /// <summary>Releases the controller (and with it every line the tests left open) and the simulated rig.</summary>
    public void Dispose()
    {
        gpio?.Dispose();
        harness?.Dispose();
    }

    private GpioController OpenGpio()
    {
        if (simulatedDriver is not null)
        {
            return new GpioController(simulatedDriver);
        }

        // libgpiod drivers open /dev/gpiochipN; the other drivers find their chip themselves.
        if (Definition.GpioDriver is GpioDriverKind.LibGpiodV2 or GpioDriverKind.LibGpiod)
        {
            string chip = $"/dev/gpiochip{Definition.GpioChip}";
            if (!System.IO.File.Exists(chip))
            {
                Assert.Fail(
                    $"{chip} does not exist: this is not the rig's Pi, or the header is another chip here " +
                    $"(`gpiodetect` lists them; set gpioChip in {File})");
            }
        }

        try
        {
            return Rig.CreateController(Definition);
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            Assert.Fail(
                $"GPIO driver {Definition.GpioDriver} on gpiochip{Definition.GpioChip} could not be opened: {exception.Message} " +
                "(libgpiod 2 must be installed: sudo apt install libgpiod3; the user must be in the gpio group)");
            throw;
        }
    }
}
