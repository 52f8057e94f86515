using System.Device.Gpio;
using System.Device.Gpio.Drivers;
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
    private bool disposed;

    /// <summary>Opens every fitted device on <paramref name="controller"/> and enters the safe state.</summary>
    /// <param name="definition">Pins and timing of this rig.</param>
    /// <param name="controller">The controller all device pins belong to.</param>
    /// <param name="timeProvider">Clock for swipe dwell, re-arm and relay settle times; the system clock when null.</param>
    /// <param name="logger">Where safe-state failures during dispose are reported.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with the rig.</param>
    public Rig(
        RigDefinition definition,
        GpioController controller,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        bool shouldDispose = false)
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
            if (definition.Swipe is { } swipe)
            {
                Swipe = Track(new SwipeSolenoid(controller, swipe, time));
            }

            if (definition.TerminalPower is { } terminalPower)
            {
                TerminalPowerRelay = Track(new Relay(controller, "terminal power", terminalPower, time));
            }

            if (definition.PhoneLine is { } phoneLine)
            {
                PhoneLineRelay = Track(new Relay(controller, "phone line", phoneLine, time));
            }

            if (definition.SimPower is { } simPower)
            {
                SimPowerRelay = Track(new Relay(controller, "SIM power", simPower, time));
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

    /// <summary>Switches the terminal's power and verifies the relay read-back.</summary>
    public Task SetTerminalPowerAsync(bool powered, CancellationToken cancellationToken = default) =>
        SetCircuitAsync(TerminalPowerRelay, Definition.TerminalPower, "terminal power", powered, cancellationToken);

    /// <summary>Connects or cuts the phone line and verifies the relay read-back.</summary>
    public Task SetPhoneLineAsync(bool connected, CancellationToken cancellationToken = default) =>
        SetCircuitAsync(PhoneLineRelay, Definition.PhoneLine, "phone line", connected, cancellationToken);

    /// <summary>Switches the SIM's power and verifies the relay read-back.</summary>
    public Task SetSimPowerAsync(bool powered, CancellationToken cancellationToken = default) =>
        SetCircuitAsync(SimPowerRelay, Definition.SimPower, "SIM power", powered, cancellationToken);

    /// <summary>Performs one card swipe (see <see cref="SwipeSolenoid.SwipeAsync"/>).</summary>
    public async Task<SwipePulse> SwipeAsync(CancellationToken cancellationToken = default)
    {
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
            throw new RigFaultException($"rig '{Definition.Name}': {circuit} relay on GPIO {relay.Pin} failed: {exception.Message}", exception);
        }
    }

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
