using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using Iot.Device.Pwm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware;

/// <summary>
/// The devices of one rig, built from a <see cref="RigDefinition"/> on one <see cref="GpioController"/>.
/// Methods speak in terms of the terminal (powered, line connected), not of relay coils; the relay wiring
/// (<see cref="RelayContact"/>) is applied here. Every failure of the rig surfaces as a
/// <see cref="RigFaultException"/> so that it is never mistaken for a terminal failure.
/// </summary>
/// <remarks>
/// The safe state (<see cref="EnterSafeState"/>) is the state a terminal sees on a counter: terminal powered,
/// phone line connected, SIM powered, attenuation 0 dB, swipe solenoid released. It is entered when the rig
/// is built and between trials, so that no injection outlives its trial. <see cref="Dispose"/> writes it once
/// more and then releases every line; a released line no longer holds a relay energized, so the safe state
/// outlives the rig only for relays wired normally closed (the reference wiring, see hardware/README.md).
/// </remarks>
public sealed class Rig : IDisposable
{
    private readonly GpioController controller;
    private readonly bool shouldDispose;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly List<IDisposable> devices = [];
    private readonly Dictionary<string, RelayExpander> expanders = [];
    private bool disposed;

    /// <summary>Opens every fitted device on <paramref name="controller"/> and enters the safe state.</summary>
    /// <param name="definition">Pins and timing of this rig.</param>
    /// <param name="controller">The controller all device pins belong to.</param>
    /// <param name="timeProvider">Clock for swipe dwell, re-arm and relay settle times; the system clock when null.</param>
    /// <param name="logger">Where safe-state failures during dispose are reported.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with the rig.</param>
    /// <param name="i2cDevices">
    /// Opens the I2C device for one of the definition's chips; the rig owns what it returns. Null opens the real bus
    /// (<see cref="I2cDevice.Create"/> on <see cref="I2cBusDefinition.BusId"/>); the simulated rig hands its chips.
    /// </param>
    public Rig(
        RigDefinition definition,
        GpioController controller,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        bool shouldDispose = false,
        Func<I2cDeviceDefinition, I2cDevice>? i2cDevices = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(controller);
        Definition = definition;
        this.controller = controller;
        this.shouldDispose = shouldDispose;
        this.logger = logger ?? NullLogger.Instance;
        TimeProvider time = timeProvider ?? TimeProvider.System;
        this.timeProvider = time;

        try
        {
            CheckPins(definition, controller);
            OpenI2cDevices(definition, time, i2cDevices ?? (chip => OpenBusDevice(definition, chip)));
            if (definition.Swipe is { } swipe)
            {
                Swipe = Track(new SwipeSolenoid(controller, swipe, time));
            }

            if (definition.TerminalPower is { } terminalPower)
            {
                TerminalPowerRelay = Track(new Relay(ControllerFor(terminalPower), "terminal power", terminalPower, time));
            }

            if (definition.PhoneLine is { } phoneLine)
            {
                PhoneLineRelay = Track(new Relay(ControllerFor(phoneLine), "phone line", phoneLine, time));
            }

            if (definition.SimPower is { } simPower)
            {
                SimPowerRelay = Track(new Relay(ControllerFor(simPower), "SIM power", simPower, time));
            }

            if (definition.Attenuator is { } attenuator)
            {
                Attenuator = Track(new StepAttenuator(controller, attenuator));
            }

            EnterSafeState();
        }
        catch (Exception exception)
        {
            DisposeDevices();
            if (shouldDispose)
            {
                controller.Dispose();
            }

            throw exception as RigFaultException
                ?? new RigFaultException($"rig '{definition.Name}' could not be opened: {exception.Message}", exception);
        }
    }

    /// <summary>The wiring this rig was built from.</summary>
    public RigDefinition Definition { get; }

    /// <summary>The swipe solenoid, or null when not fitted.</summary>
    public SwipeSolenoid? Swipe { get; }

    /// <summary>The servo swiper on the PCA9685, or null when not fitted.</summary>
    public ServoSwiper? Servo { get; private set; }

    /// <summary>The INA219 on the terminal's supply, or null when not fitted.</summary>
    public SupplyCurrentMonitor? SupplyCurrent { get; private set; }

    /// <summary>The relay expanders by their names in the rig file.</summary>
    public IReadOnlyDictionary<string, RelayExpander> Expanders => expanders;

    /// <summary>The terminal power relay, or null when not fitted.</summary>
    public Relay? TerminalPowerRelay { get; }

    /// <summary>The phone line relay, or null when not fitted.</summary>
    public Relay? PhoneLineRelay { get; }

    /// <summary>The SIM power relay, or null when not fitted.</summary>
    public Relay? SimPowerRelay { get; }

    /// <summary>The RF step attenuator, or null when not fitted.</summary>
    public StepAttenuator? Attenuator { get; }

    /// <summary>Whether the terminal is commanded powered (true when no relay is fitted: it is then always on).</summary>
    public bool IsTerminalPowered => IsCircuitClosed(TerminalPowerRelay, Definition.TerminalPower);

    /// <summary>Whether the phone line is commanded connected (true when no relay is fitted).</summary>
    public bool IsPhoneLineConnected => IsCircuitClosed(PhoneLineRelay, Definition.PhoneLine);

    /// <summary>Whether the SIM is commanded powered (true when no relay is fitted).</summary>
    public bool IsSimPowered => IsCircuitClosed(SimPowerRelay, Definition.SimPower);

    /// <summary>
    /// Opens a real rig: creates the GPIO driver the definition names, the controller (owned by the rig)
    /// and the devices.
    /// </summary>
    /// <exception cref="RigFaultException">The driver or a pin could not be opened.</exception>
    public static Rig Open(RigDefinition definition, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        GpioController controller;
        try
        {
            controller = CreateController(definition);
        }
        catch (Exception exception) when (exception is not ArgumentException)
        {
            throw new RigFaultException(
                $"rig '{definition.Name}': GPIO driver {definition.GpioDriver} on gpiochip{definition.GpioChip} could not be opened: {exception.Message}",
                exception);
        }

        return new Rig(definition, controller, timeProvider, logger, shouldDispose: true);
    }

    /// <summary>Creates the controller for the GPIO driver the definition names.</summary>
    /// <exception cref="ArgumentException">The definition names the simulated driver, which only Bench.Hardware.Simulation can build.</exception>
    public static GpioController CreateController(RigDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.GpioDriver switch
        {
            // Constructed explicitly: on a Pi 5 with trixie the automatic choice can fail.
            GpioDriverKind.LibGpiodV2 => new GpioController(new LibGpiodV2Driver(definition.GpioChip)),
            GpioDriverKind.LibGpiod => new GpioController(new LibGpiodDriver(definition.GpioChip)),
            GpioDriverKind.RaspberryPi3 => new GpioController(new RaspberryPi3Driver()),
            GpioDriverKind.SysFs => new GpioController(new SysFsDriver()),
            GpioDriverKind.Automatic => new GpioController(),
            _ => throw new ArgumentException(
                $"rig '{definition.Name}' uses the {definition.GpioDriver} GPIO driver; build it with the simulated rig",
                nameof(definition)),
        };
    }

    /// <summary>
    /// Switches the terminal's power and verifies the relay read-back; with a supply monitor fitted, also that
    /// the supply's current shows the terminal off (or on) once settled.
    /// </summary>
    /// <exception cref="RigFaultException">A read-back disagrees: the sense contact, or the supply current.</exception>
    public async Task SetTerminalPowerAsync(bool powered, CancellationToken cancellationToken = default)
    {
        await SetCircuitAsync(TerminalPowerRelay, Definition.TerminalPower, "terminal power", powered, cancellationToken).ConfigureAwait(false);
        if (SupplyCurrent is not null)
        {
            await VerifySupplyAsync(powered, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits the supply monitor's settle time, then checks that the terminal's supply current says
    /// <paramref name="powered"/>: at least the on threshold, or below the off threshold.
    /// </summary>
    /// <returns>The reading that was checked.</returns>
    /// <exception cref="RigFaultException">No supply monitor is fitted, it failed, or the current disagrees.</exception>
    public async Task<SupplyCurrentSample> VerifySupplyAsync(bool powered, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        SupplyCurrentMonitor monitor = SupplyCurrent ?? throw NotFitted("supply current monitor");
        SupplyCurrentDefinition supply = monitor.Definition;
        if (supply.SettleTime > TimeSpan.Zero)
        {
            await Task.Delay(supply.SettleTime, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        SupplyCurrentSample sample;
        try
        {
            sample = monitor.Read();
        }
        catch (Exception exception) when (IsDriverFailure(exception))
        {
            throw new RigFaultException($"rig '{Definition.Name}': supply current monitor '{supply.Device}' failed: {exception.Message}", exception);
        }

        string relay = TerminalPowerRelay is { } fitted ? $"terminal power relay ({Where(fitted, Definition.TerminalPower)})" : "terminal supply";
        if (!powered && sample.Milliamperes >= supply.OffBelowMilliamperes)
        {
            throw new RigFaultException(
                $"rig '{Definition.Name}': {relay} was cut but the terminal's supply still draws {sample.Milliamperes:0.#} mA " +
                $"{supply.SettleTime.TotalMilliseconds:0} ms later (off is below {supply.OffBelowMilliamperes:0.#} mA): " +
                "the relay's contacts are stuck closed or the terminal has another supply");
        }

        if (powered && sample.Milliamperes < supply.OnAboveMilliamperes)
        {
            throw new RigFaultException(
                $"rig '{Definition.Name}': {relay} was restored but the terminal's supply draws only {sample.Milliamperes:0.#} mA " +
                $"{supply.SettleTime.TotalMilliseconds:0} ms later (on is at least {supply.OnAboveMilliamperes:0.#} mA): " +
                "the relay's contacts are stuck open, or the supply is off or unplugged");
        }

        return sample;
    }

    /// <summary>Connects or cuts the phone line and verifies the relay read-back.</summary>
    public Task SetPhoneLineAsync(bool connected, CancellationToken cancellationToken = default) =>
        SetCircuitAsync(PhoneLineRelay, Definition.PhoneLine, "phone line", connected, cancellationToken);

    /// <summary>Switches the SIM's power and verifies the relay read-back.</summary>
    public Task SetSimPowerAsync(bool powered, CancellationToken cancellationToken = default) =>
        SetCircuitAsync(SimPowerRelay, Definition.SimPower, "SIM power", powered, cancellationToken);

    /// <summary>
    /// Performs one card swipe with the swiper the definition chooses (<see cref="RigDefinition.Swiper"/>): a
    /// solenoid stroke (<see cref="SwipeSolenoid.SwipeAsync"/>) or a servo sweep at its normal stroke time.
    /// </summary>
    public async Task<SwipePulse> SwipeAsync(CancellationToken cancellationToken = default)
    {
        if (Definition.Swiper == SwiperKind.Servo)
        {
            ServoSwiper servo = Servo ?? throw NotFitted("servo swiper");
            return await SwipeAsync(servo.Definition.StrokeTime, cancellationToken).ConfigureAwait(false);
        }

        SwipeSolenoid swipe = Swipe ?? throw NotFitted("swipe solenoid");
        try
        {
            return await swipe.SwipeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsDriverFailure(exception))
        {
            throw new RigFaultException($"rig '{Definition.Name}': swipe solenoid on GPIO {swipe.Pin} failed: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// A swipe whose stroke takes <paramref name="strokeTime"/> (the slow-swipe injection's parameter). Only a
    /// servo swiper can vary its speed; a solenoid stroke is what its spring makes it.
    /// </summary>
    /// <exception cref="RigFaultException">No servo swiper is chosen, or it failed.</exception>
    public async Task<SwipePulse> SwipeAsync(TimeSpan strokeTime, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Definition.Swiper != SwiperKind.Servo || Servo is null)
        {
            throw new RigFaultException($"rig '{Definition.Name}': a swipe of a chosen speed needs the servo swiper (swiper: servo)");
        }

        try
        {
            return await Servo.SwipeAsync(strokeTime, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsDriverFailure(exception))
        {
            throw new RigFaultException(
                $"rig '{Definition.Name}': servo swiper on PCA9685 '{Servo.Definition.Device}' channel {Servo.Definition.Channel} failed: {exception.Message}",
                exception);
        }
    }

    /// <summary>Sets the RF attenuation (see <see cref="StepAttenuator.SetAttenuation"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the attenuator's range or between its steps.</exception>
    public void SetAttenuation(double decibels)
    {
        StepAttenuator attenuator = Attenuator ?? throw NotFitted("step attenuator");
        try
        {
            attenuator.SetAttenuation(decibels);
        }
        catch (Exception exception) when (IsDriverFailure(exception))
        {
            throw new RigFaultException($"rig '{Definition.Name}': step attenuator failed: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Puts the rig into the safe state: swipe solenoid released, terminal powered, phone line connected,
    /// SIM powered, attenuation 0 dB. Idempotent; writes every device even if it is already there. Does not
    /// wait for read-back (call <see cref="VerifyAsync"/> for that), so it is usable from dispose paths.
    /// </summary>
    /// <exception cref="RigFaultException">A device could not be written; the others were still attempted.</exception>
    public void EnterSafeState()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        List<Exception> failures = [];
        Attempt(failures, () => Swipe?.Release());
        Attempt(failures, () => Servo?.ReturnToRest());
        Attempt(failures, () => SetCircuit(TerminalPowerRelay, Definition.TerminalPower, closed: true));
        Attempt(failures, () => SetCircuit(PhoneLineRelay, Definition.PhoneLine, closed: true));
        Attempt(failures, () => SetCircuit(SimPowerRelay, Definition.SimPower, closed: true));
        Attempt(failures, () => Attenuator?.SetAttenuation(0));
        if (failures.Count > 0)
        {
            throw new RigFaultException(
                $"rig '{Definition.Name}' could not enter the safe state: {string.Join("; ", failures.Select(f => f.Message))}",
                new AggregateException(failures));
        }
    }

    /// <summary>Waits for the slowest relay to settle, then checks every fitted relay's read-back against its commanded state.</summary>
    /// <exception cref="RigFaultException">A read-back disagrees.</exception>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Relay[] relays = [.. Relays()];
        TimeSpan settle = relays.Select(relay => relay.SettleTime).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (settle > TimeSpan.Zero)
        {
            // One wait for all relays: they settle in parallel.
            await Task.Delay(settle, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        foreach (Relay relay in relays)
        {
            relay.CheckReadBack();
        }
    }

    /// <summary>
    /// Toggles every fitted relay away from the safe state and back, checking the read-back each way, then
    /// leaves the rig in the safe state. Note that this briefly cuts the terminal's power, line and SIM:
    /// run it before a campaign, not during a transaction.
    /// </summary>
    /// <exception cref="RigFaultException">A read-back disagrees; the rig is back in the safe state.</exception>
    public async Task<SelfTestReport> SelfTestAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        List<string> verified = [];
        List<string> withoutReadBack = [];
        try
        {
            EnterSafeState();
            foreach (Relay relay in Relays())
            {
                bool safe = relay.IsEnergized;
                await relay.SetAndVerifyAsync(!safe, cancellationToken).ConfigureAwait(false);
                await relay.SetAndVerifyAsync(safe, cancellationToken).ConfigureAwait(false);
                (relay.SenseInputPin is null ? withoutReadBack : verified).Add(relay.Name);
            }
        }
        finally
        {
            EnterSafeState();
        }

        return new SelfTestReport(verified, withoutReadBack);
    }

    /// <summary>
    /// Enters the safe state, then closes every device's pins (and the controller when the rig owns it). The
    /// released lines de-energize the relays: the terminal stays powered and connected only through
    /// normally-closed contacts.
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            EnterSafeState();
        }
        catch (RigFaultException exception)
        {
            // Dispose runs in finally blocks; throwing here would hide the exception that got us there.
            logger.LogError(exception, "Rig {Rig} could not enter the safe state while closing", Definition.Name);
        }

        disposed = true;
        DisposeDevices();
        if (shouldDispose)
        {
            controller.Dispose();
        }
    }

    // GpioController lets two devices open the same pin without complaint; a rig must not.
    private static void CheckPins(RigDefinition definition, GpioController controller)
    {
        IReadOnlyList<PinAssignment> pins = definition.PinAssignments();
        foreach (IGrouping<int, PinAssignment> shared in pins.GroupBy(p => p.Pin).Where(g => g.Count() > 1))
        {
            throw new RigFaultException(
                $"rig '{definition.Name}' wires GPIO {shared.Key} to more than one use: {string.Join(", ", shared.Select(p => p.Use))}");
        }

        foreach (PinAssignment pin in pins.Where(p => controller.IsPinOpen(p.Pin)))
        {
            throw new RigFaultException($"rig '{definition.Name}': GPIO {pin.Pin} ({pin.Use}) is already in use on this controller");
        }
    }

    private static bool EnergizeFor(RelayDefinition definition, bool closed) =>
        definition.Contact == RelayContact.NormallyOpen ? closed : !closed;

    private static bool IsCircuitClosed(Relay? relay, RelayDefinition? definition) =>
        relay is null || definition is null || EnergizeFor(definition, relay.IsEnergized);

    private static bool IsDriverFailure(Exception exception) =>
        exception is not (RigFaultException or OperationCanceledException or ArgumentException or ObjectDisposedException);

    private static void SetCircuit(Relay? relay, RelayDefinition? definition, bool closed)
    {
        if (relay is not null && definition is not null)
        {
            relay.Set(EnergizeFor(definition, closed));
        }
    }

    private static void Attempt(List<Exception> failures, Action step)
    {
        try
        {
            step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    private async Task SetCircuitAsync(
        Relay? relay, RelayDefinition? definition, string circuit, bool closed, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (relay is null || definition is null)
        {
            throw NotFitted($"{circuit} relay");
        }

        try
        {
            await relay.SetAndVerifyAsync(EnergizeFor(definition, closed), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsDriverFailure(exception))
        {
            throw new RigFaultException($"rig '{Definition.Name}': {circuit} relay on {Where(relay, definition)} failed: {exception.Message}", exception);
        }
    }

    private static string Where(Relay relay, RelayDefinition? definition) =>
        definition?.Expander is { } expander ? $"expander '{expander}' pin {relay.Pin}" : $"GPIO {relay.Pin}";

    private static I2cDevice OpenBusDevice(RigDefinition definition, I2cDeviceDefinition chip) =>
        I2cDevice.Create(new I2cConnectionSettings(definition.I2c!.BusId, chip.Address));

    // The chips come first: relays on an expander need its controller, the servo its PCA9685.
    private void OpenI2cDevices(RigDefinition definition, TimeProvider time, Func<I2cDeviceDefinition, I2cDevice> open)
    {
        if (definition.I2c is not { } i2c)
        {
            return;
        }

        foreach (I2cDeviceDefinition chip in i2c.Devices.Where(chip => chip.Chip == I2cChip.Mcp23017))
        {
            RelayExpander expander = Track(new RelayExpander(OpenChip(open, chip), chip.Name, shouldDispose: true));
            expanders[chip.Name] = expander;
        }

        // Before any relay opens its coil pin: the binding makes a pin an output before writing its level.
        foreach (RelayDefinition relay in new[] { definition.TerminalPower, definition.PhoneLine, definition.SimPower }.OfType<RelayDefinition>())
        {
            if (relay.Expander is { } name)
            {
                ExpanderNamed(name).PresetOutputLatch(relay.Pin, relay.ActiveHigh ? PinValue.Low : PinValue.High);
            }
        }

        if (definition.Servo is { } servo && definition.Swiper == SwiperKind.Servo)
        {
            I2cDeviceDefinition chip = Chip(i2c, servo.Device, I2cChip.Pca9685);
            var pwm = Track(new Pca9685(OpenChip(open, chip), servo.PwmFrequency));
            Servo = Track(new ServoSwiper(pwm.CreatePwmChannel(servo.Channel), servo, time, shouldDispose: true));
        }

        if (definition.SupplyCurrent is { } supply)
        {
            I2cDeviceDefinition chip = Chip(i2c, supply.Device, I2cChip.Ina219);
            SupplyCurrent = Track(new SupplyCurrentMonitor(OpenChip(open, chip), supply, time, shouldDispose: true));
        }
    }

    private static I2cDevice OpenChip(Func<I2cDeviceDefinition, I2cDevice> open, I2cDeviceDefinition chip)
    {
        try
        {
            return open(chip);
        }
        catch (Exception exception) when (exception is not RigFaultException)
        {
            throw new RigFaultException($"{chip.Chip} '{chip.Name}' at I2C address 0x{chip.Address:X2} could not be opened: {exception.Message}", exception);
        }
    }

    private I2cDeviceDefinition Chip(I2cBusDefinition i2c, string name, I2cChip expected) =>
        i2c.Find(name) is { } chip && chip.Chip == expected
            ? chip
            : throw new RigFaultException($"rig '{Definition.Name}' names {expected} '{name}', which is not on its I2C bus");

    private RelayExpander ExpanderNamed(string name) =>
        expanders.TryGetValue(name, out RelayExpander? expander)
            ? expander
            : throw new RigFaultException($"rig '{Definition.Name}' puts a relay on expander '{name}', which is not on its I2C bus");

    private GpioController ControllerFor(RelayDefinition relay) =>
        relay.Expander is { } name ? ExpanderNamed(name).Controller : controller;

    private IEnumerable<Relay> Relays()
    {
        Relay?[] all = [TerminalPowerRelay, PhoneLineRelay, SimPowerRelay];
        return all.OfType<Relay>();
    }

    private RigFaultException NotFitted(string device) =>
        new($"rig '{Definition.Name}' has no {device} fitted");

    private T Track<T>(T device)
        where T : IDisposable
    {
        devices.Add(device);
        return device;
    }

    private void DisposeDevices()
    {
        for (int i = devices.Count - 1; i >= 0; i--)
        {
            try
            {
                devices[i].Dispose();
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                logger.LogError(exception, "Rig {Rig} could not close a device", Definition.Name);
            }
        }

        devices.Clear();
    }
}
