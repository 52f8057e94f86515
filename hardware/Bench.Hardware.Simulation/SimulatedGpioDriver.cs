using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A GPIO driver without hardware, handed to <c>new GpioController(driver)</c> so that device code runs
/// unchanged. Outputs keep the level the controller writes; inputs read the level the outside world
/// (<see cref="DriveInput"/>, used by the <see cref="WiringHarness"/>) puts on them, or their pull
/// resistor's level when nothing does. Edge callbacks and <c>WaitForEvent</c> behave as on real drivers.
/// Closing a pin releases the line as libgpiod does: it is no longer driven and reverts to an input
/// (libgpiod leaves a released line's state undefined; on the Pi it falls to the pin's default pull,
/// which the simulation does not model: a released line reads what drives it from outside, else low).
/// </summary>
/// <remarks>
/// Thread-safe. Every change is applied and announced under one lock, in the thread that made it, so
/// listeners see changes in the order they happened with timestamps that never go backwards. Listeners
/// must therefore be quick and must not wait for other threads that use this driver. A listener or edge
/// callback that throws is logged and the others still run: on real hardware a write never fails because
/// of who watches the line.
/// </remarks>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock gate = new();
    private readonly PinState[] pins;
    private readonly List<EdgeWaiter> waiters = [];
    private readonly int pinCount;
    private readonly ILogger logger;

    /// <summary>Creates a driver with <paramref name="pinCount"/> pins numbered from 0.</summary>
    /// <param name="pinCount">How many pins the simulated chip has (the Pi's header exposes GPIO 0–27).</param>
    /// <param name="timeProvider">Clock for change timestamps; the system clock (Stopwatch) when null.</param>
    /// <param name="logger">Where failing listeners are reported.</param>
    public SimulatedGpioDriver(int pinCount = 28, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        this.pinCount = pinCount;
        this.logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        pins = new PinState[pinCount];
        for (int i = 0; i < pinCount; i++)
        {
            pins[i] = new PinState();
        }
    }

    /// <summary>
    /// Raised, in the thread that made the change and under the driver's lock, whenever a pin's mode or level
    /// as seen from outside changes: a write to an output, an output turned into an input, an input driven
    /// from outside.
    /// </summary>
    public event EventHandler<SimulatedPinChange>? PinChanged;

    /// <summary>The clock change timestamps come from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    protected override int PinCount => pinCount;

    /// <summary>The pin's current level as seen from outside (an output's written level, an input's driven or pulled level).</summary>
    public PinValue GetLevel(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        return Level(Pin(pinNumber));
    }

    /// <summary>The pin's current mode (a pin never opened is an input).</summary>
    public PinMode GetMode(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        return Pin(pinNumber).Mode;
    }

    /// <summary>Whether the controller has the pin open.</summary>
    public bool IsOpen(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        return Pin(pinNumber).IsOpen;
    }

    /// <summary>
    /// Puts a level on the pin from outside, as wiring would. Input pins read it (and fire edge callbacks);
    /// an output keeps driving its own level until it becomes an input.
    /// </summary>
    public void DriveInput(int pinNumber, PinValue value)
    {
        using Lock.Scope scope = gate.EnterScope();
        PinState pin = Pin(pinNumber);
        Change(pinNumber, pin, () => pin.ExternalLevel = value);
    }

    /// <summary>Stops driving the pin from outside: it floats to its pull resistor's level.</summary>
    public void ReleaseInput(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        PinState pin = Pin(pinNumber);
        Change(pinNumber, pin, () => pin.ExternalLevel = null);
    }

    /// <summary>
    /// Runs <paramref name="action"/> under the driver's lock, so that it is atomic with respect to pin changes
    /// and their listeners (which run under the same lock). The lock is re-entrant: the action may drive pins.
    /// </summary>
    public void RunExclusive(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using Lock.Scope scope = gate.EnterScope();
        action();
    }

    /// <summary>Evaluates <paramref name="query"/> under the driver's lock (see <see cref="RunExclusive(Action)"/>).</summary>
    public T RunExclusive<T>(Func<T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using Lock.Scope scope = gate.EnterScope();
        return query();
    }

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        Pin(pinNumber).IsOpen = true;
    }

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        using Lock.Scope scope = gate.EnterScope();
        PinState pin = Pin(pinNumber);
        pin.IsOpen = false;
        pin.Callbacks.Clear();

        // A released line is driven no more: an output stops holding its level (listeners see it go).
        Change(pinNumber, pin, () => pin.Mode = PinMode.Input);
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode) => SetMode(pinNumber, mode, initialValue: null);

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue) =>
        SetMode(pinNumber, mode, initialValue);

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber) => GetMode(pinNumber);

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber) => GetLevel(pinNumber);

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value)
    {
        using Lock.Scope scope = gate.EnterScope();
        PinState pin = Pin(pinNumber);
        Change(pinNumber, pin, () => pin.OutputLatch = value);
    }

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        EdgeWaiter waiter = AddWaiter(pinNumber, eventTypes);
        try
        {
            waiter.Completion.Task.Wait(cancellationToken);
            return waiter.Completion.Task.Result;
        }
        catch (OperationCanceledException)
        {
            // Real drivers report a cancelled wait as timed out rather than throwing.
            return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
        }
        finally
        {
            RemoveWaiter(waiter);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<WaitForEventResult> WaitForEventAsync(
        int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        EdgeWaiter waiter = AddWaiter(pinNumber, eventTypes);
        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
        }
        finally
        {
            RemoveWaiter(waiter);
        }
    }

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        using Lock.Scope scope = gate.EnterScope();
        Pin(pinNumber).Callbacks.Add((eventTypes, callback));
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        using Lock.Scope scope = gate.EnterScope();
        Pin(pinNumber).Callbacks.RemoveAll(entry => entry.Callback == callback);
    }

    /// <inheritdoc/>
    public override GpioChipInfo GetChipInfo() => new(0, "simulated", "Bench simulated rig", pinCount);

    private static PinValue Level(PinState pin) => pin.Mode switch
    {
        PinMode.Output => pin.OutputLatch,
        _ when pin.ExternalLevel is PinValue driven => driven,
        PinMode.InputPullUp => PinValue.High,
        _ => PinValue.Low,
    };

    private void SetMode(int pinNumber, PinMode mode, PinValue? initialValue)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"simulated GPIO {pinNumber} does not support mode {mode}");
        }

        using Lock.Scope scope = gate.EnterScope();
        PinState pin = Pin(pinNumber);
        Change(pinNumber, pin, () =>
        {
            // Latch first, then switch direction, so an output never glitches to a stale level.
            if (initialValue is PinValue value)
            {
                pin.OutputLatch = value;
            }

            pin.Mode = mode;
        });
    }

    // Applies a mutation and announces what changed. Called with the lock held.
    private void Change(int pinNumber, PinState pin, Action mutate)
    {
        PinMode modeBefore = pin.Mode;
        PinValue levelBefore = Level(pin);
        mutate();
        PinValue levelAfter = Level(pin);
        if (modeBefore == pin.Mode && levelBefore == levelAfter)
        {
            return;
        }

        long timestamp = TimeProvider.GetTimestamp();
        Announce(new SimulatedPinChange(pinNumber, pin.Mode, levelAfter, timestamp));
        // Edges are detected on inputs only, as on a real chip whose edge detector watches the line.
        if (levelBefore == levelAfter || pin.Mode == PinMode.Output)
        {
            return;
        }

        PinEventTypes edge = levelAfter == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (EdgeWaiter waiter in waiters)
        {
            if (waiter.PinNumber == pinNumber && (waiter.EventTypes & edge) != 0)
            {
                waiter.Completion.TrySetResult(new WaitForEventResult { TimedOut = false, EventTypes = edge });
            }
        }

        if (pin.IsOpen)
        {
            foreach ((PinEventTypes types, PinChangeEventHandler callback) in pin.Callbacks.ToArray())
            {
                if ((types & edge) != 0)
                {
                    try
                    {
                        callback(this, new PinValueChangedEventArgs(edge, pinNumber));
                    }
                    catch (Exception exception)
                    {
                        logger.LogError(exception, "an edge callback of simulated GPIO {Pin} failed", pinNumber);
                    }
                }
            }
        }
    }

    // Each listener on its own: one that throws must neither reach the writer nor silence the others.
    private void Announce(SimulatedPinChange change)
    {
        foreach (EventHandler<SimulatedPinChange> listener in Delegate.EnumerateInvocationList(PinChanged))
        {
            try
            {
                listener(this, change);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "a listener of simulated GPIO {Pin} failed", change.PinNumber);
            }
        }
    }

    private EdgeWaiter AddWaiter(int pinNumber, PinEventTypes eventTypes)
    {
        using Lock.Scope scope = gate.EnterScope();
        _ = Pin(pinNumber);
        var waiter = new EdgeWaiter(pinNumber, eventTypes);
        waiters.Add(waiter);
        return waiter;
    }

    private void RemoveWaiter(EdgeWaiter waiter)
    {
        using Lock.Scope scope = gate.EnterScope();
        waiters.Remove(waiter);
    }

    private PinState Pin(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"the simulated chip has GPIO 0–{pinCount - 1}");
        }

        return pins[pinNumber];
    }

    private sealed class PinState
    {
        public bool IsOpen { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue OutputLatch { get; set; } = PinValue.Low;

        public PinValue? ExternalLevel { get; set; }

        public List<(PinEventTypes Types, PinChangeEventHandler Callback)> Callbacks { get; } = [];
    }

    private sealed class EdgeWaiter(int pinNumber, PinEventTypes eventTypes)
    {
        public int PinNumber { get; } = pinNumber;

        public PinEventTypes EventTypes { get; } = eventTypes;

        // Completed from inside the driver's lock: continuations must not run inline there.
        public TaskCompletionSource<WaitForEventResult> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
