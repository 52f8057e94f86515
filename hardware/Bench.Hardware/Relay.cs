using System.Device.Gpio;

namespace Bench.Hardware;

/// <summary>
/// One relay channel with an optional read-back input. The relay knows only energized or not; which of
/// those closes the switched circuit is the <see cref="Rig"/>'s business (<see cref="RelayContact"/>).
/// </summary>
public sealed class Relay : IDisposable
{
    private readonly GpioController controller;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly PinValue energizedLevel;
    private readonly PinValue releasedLevel;
    private readonly PinValue senseEnergizedLevel;
    private bool disposed;

    /// <summary>
    /// Opens the coil pin as an output with the relay de-energized, and the sense pin as an input pulled to its
    /// inactive level (so an active-low sense contact just switches the pin to ground).
    /// </summary>
    /// <param name="controller">The controller the pins belong to.</param>
    /// <param name="pin">GPIO that drives the coil.</param>
    /// <param name="activeHigh">True when a high level energizes the coil.</param>
    /// <param name="senseInputPin">GPIO wired to the read-back contact, or null when there is none.</param>
    /// <param name="name">Name used in fault messages, e.g. "phone line".</param>
    /// <param name="senseActiveHigh">True when the sense input reads high while the relay is energized.</param>
    /// <param name="settleTime">How long the contacts take to settle before <see cref="VerifyAsync"/> reads back.</param>
    /// <param name="timeProvider">Clock for the settle delay; the system clock when null.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with this device.</param>
    /// <param name="expander">The I/O expander whose pins these are (named in messages), or null for the header's GPIOs.</param>
    public Relay(
        GpioController controller,
        int pin,
        bool activeHigh,
        int? senseInputPin,
        string name = "relay",
        bool senseActiveHigh = true,
        TimeSpan? settleTime = null,
        TimeProvider? timeProvider = null,
        bool shouldDispose = false,
        string? expander = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.controller = controller;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        Name = name;
        Pin = pin;
        Expander = expander;
        SenseInputPin = senseInputPin;
        SettleTime = settleTime ?? TimeSpan.FromMilliseconds(50);
        ArgumentOutOfRangeException.ThrowIfLessThan(SettleTime, TimeSpan.Zero, nameof(settleTime));
        energizedLevel = activeHigh ? PinValue.High : PinValue.Low;
        releasedLevel = activeHigh ? PinValue.Low : PinValue.High;
        senseEnergizedLevel = senseActiveHigh ? PinValue.High : PinValue.Low;

        List<int> opened = [];
        try
        {
            controller.OpenPin(pin, PinMode.Output, releasedLevel);
            opened.Add(pin);
            if (senseInputPin is int sense)
            {
                // The read-back contact switches the input to the active level; the pull resistor holds the other.
                controller.OpenPin(sense, senseActiveHigh ? PinMode.InputPullDown : PinMode.InputPullUp);
                opened.Add(sense);
            }
        }
        catch
        {
            // Nobody gets a half-built relay to dispose: close what it opened, or the pins stay taken.
            PinCleanup.CloseAfterFailedOpen(controller, opened, shouldDispose);
            throw;
        }
    }

    /// <summary>Creates the relay described by a rig definition.</summary>
    public Relay(GpioController controller, string name, RelayDefinition definition, TimeProvider? timeProvider = null, bool shouldDispose = false)
        : this(
            controller,
            (definition ?? throw new ArgumentNullException(nameof(definition))).Pin,
            definition.ActiveHigh,
            definition.SensePin,
            name,
            definition.SenseActiveHigh,
            definition.SettleTime,
            timeProvider,
            shouldDispose,
            definition.Expander)
    {
    }

    /// <summary>Name used in fault messages.</summary>
    public string Name { get; }

    /// <summary>GPIO (or expander pin) that drives the coil.</summary>
    public int Pin { get; }

    /// <summary>The I/O expander the relay's pins are on, or null for the header.</summary>
    public string? Expander { get; }

    /// <summary>Where the coil pin is, for messages: "GPIO 17" or "expander 'relays' pin 1".</summary>
    public string Location => Describe(Pin);

    /// <summary>GPIO wired to the read-back contact, or null.</summary>
    public int? SenseInputPin { get; }

    /// <summary>How long the contacts take to settle before a read-back is trusted.</summary>
    public TimeSpan SettleTime { get; }

    /// <summary>The commanded state: true after <see cref="Energize"/>, false after <see cref="DeEnergize"/>.</summary>
    public bool IsEnergized { get; private set; }

    /// <summary>Energizes the coil.</summary>
    public void Energize() => Set(true);

    /// <summary>De-energizes the coil.</summary>
    public void DeEnergize() => Set(false);

    /// <summary>Commands the coil to <paramref name="energized"/>.</summary>
    public void Set(bool energized)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        controller.Write(Pin, energized ? energizedLevel : releasedLevel);
        IsEnergized = energized;
    }

    /// <summary>What the sense input says now: true energized, false de-energized, null without a sense input.</summary>
    public bool? ReadBack()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return SenseInputPin is int sense ? controller.Read(sense) == senseEnergizedLevel : null;
    }

    /// <summary>
    /// Waits <see cref="SettleTime"/>, then checks that the sense input agrees with the commanded state.
    /// Does nothing more than wait when the relay has no sense input.
    /// </summary>
    /// <exception cref="RigFaultException">The read-back disagrees with the commanded state.</exception>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        if (SettleTime > TimeSpan.Zero)
        {
            await Task.Delay(SettleTime, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        CheckReadBack();
    }

    /// <summary>Checks at once, without waiting to settle, that the sense input agrees with the commanded state.</summary>
    /// <exception cref="RigFaultException">The read-back disagrees with the commanded state.</exception>
    public void CheckReadBack()
    {
        bool expected = IsEnergized;
        if (ReadBack() is bool actual && actual != expected)
        {
            throw new RigFaultException(
                $"relay '{Name}' on {Location} reads back {Describe(actual)} after {SettleTime.TotalMilliseconds:0.###} ms " +
                $"(commanded {Describe(expected)}; sense input {Describe(SenseInputPin!.Value)})");
        }
    }

    /// <summary>Commands the coil, then verifies the read-back (see <see cref="VerifyAsync"/>).</summary>
    public async Task SetAndVerifyAsync(bool energized, CancellationToken cancellationToken = default)
    {
        Set(energized);
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the pins without commanding the coil, as device bindings do. The released coil line is no
    /// longer driven, so the relay de-energizes (see hardware/README.md for why that holds on the Pi).
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            controller.ClosePin(Pin);
            if (SenseInputPin is int sense)
            {
                controller.ClosePin(sense);
            }
        }
        finally
        {
            if (shouldDispose)
            {
                controller.Dispose();
            }
        }
    }

    private static string Describe(bool energized) => energized ? "energized" : "de-energized";

    private string Describe(int pin) => Expander is null ? $"GPIO {pin}" : $"expander '{Expander}' pin {pin}";
}
