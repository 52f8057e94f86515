using System.Device.Gpio;

namespace Bench.Hardware.Simulation;

/// <summary>
/// The virtual wiring between a <see cref="SimulatedGpioDriver"/> and the simulated rig's devices, bound to a
/// <see cref="RigDefinition"/>'s pin map. It turns pin changes into physics: a long enough solenoid pulse is a
/// swipe, relay coils open and close circuits (and drive their read-back inputs), and the attenuator's
/// clock/data/latch pins are decoded bit by bit, as the chip would, into an attenuation.
/// </summary>
/// <remarks>
/// Events are raised in the thread that changed the pin, under the driver's lock, in the order the changes
/// happened; handlers must be quick and must not wait for other threads that use the driver. Timestamps are
/// the driver's (<see cref="SimulatedGpioDriver.TimeProvider"/>). A relay coil counts as energized only while
/// its pin is an output at the active level: an unopened pin leaves the relay released.
/// </remarks>
public sealed class WiringHarness : IDisposable
{
    private readonly SimulatedGpioDriver driver;
    private readonly WiringHarnessOptions options;
    private readonly Dictionary<RelayRole, RelayWire> relays = [];
    private readonly SolenoidDefinition? solenoid;
    private readonly AttenuatorDefinition? attenuator;
    private long? pulseStartTimestamp;
    private int shiftRegister;
    private PinValue attenuatorData = PinValue.Low;
    private bool attenuatorClockHigh;
    private bool attenuatorLatchHigh;
    private double attenuationDecibels;
    private int swipeCount;
    private bool disposed;

    /// <summary>Wires the rig's devices to <paramref name="driver"/> and drives the read-back inputs to match.</summary>
    public WiringHarness(SimulatedGpioDriver driver, RigDefinition definition, WiringHarnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(definition);
        this.driver = driver;
        this.options = options ?? new WiringHarnessOptions();
        Definition = definition;
        solenoid = definition.Swipe;
        attenuator = definition.Attenuator;
        AddRelay(RelayRole.TerminalPower, definition.TerminalPower);
        AddRelay(RelayRole.PhoneLine, definition.PhoneLine);
        AddRelay(RelayRole.SimPower, definition.SimPower);

        driver.RunExclusive(() =>
        {
            foreach (RelayWire relay in relays.Values)
            {
                relay.CoilEnergized = IsActive(relay.Definition.Pin, relay.Definition.ActiveHigh);
                relay.IsClosed = relay.CircuitClosed;
                DriveSense(relay);
            }

            if (attenuator is not null)
            {
                attenuatorData = driver.GetLevel(attenuator.DataPin);
                attenuatorClockHigh = IsActive(attenuator.ClockPin, activeHigh: true);
                attenuatorLatchHigh = IsActive(attenuator.LatchPin, activeHigh: true);
            }

            if (solenoid is not null && IsActive(solenoid.Pin, solenoid.ActiveHigh))
            {
                pulseStartTimestamp = driver.TimeProvider.GetTimestamp();
            }

            driver.PinChanged += OnPinChanged;
        });
    }

    /// <summary>A solenoid pulse at least <see cref="WiringHarnessOptions.MinimumSwipePulse"/> long ended: the card was swiped.</summary>
    public event EventHandler<SwipeActuation>? SwipeActuated;

    /// <summary>The terminal's supply was switched; <see cref="CircuitChange.IsOn"/> is true when powered.</summary>
    public event EventHandler<CircuitChange>? TerminalPowerChanged;

    /// <summary>The phone line was switched; <see cref="CircuitChange.IsOn"/> is true when connected.</summary>
    public event EventHandler<CircuitChange>? PhoneLineChanged;

    /// <summary>The SIM's supply was switched; <see cref="CircuitChange.IsOn"/> is true when powered.</summary>
    public event EventHandler<CircuitChange>? SimPowerChanged;

    /// <summary>The attenuator latched a different attenuation.</summary>
    public event EventHandler<AttenuationChange>? AttenuationChanged;

    /// <summary>The wiring this harness follows.</summary>
    public RigDefinition Definition { get; }

    /// <summary>True while the terminal has power (always true when the rig has no terminal power relay).</summary>
    public bool IsTerminalPowered => IsCircuitOn(RelayRole.TerminalPower);

    /// <summary>True while the phone line is connected (always true without a phone line relay).</summary>
    public bool IsPhoneLineConnected => IsCircuitOn(RelayRole.PhoneLine);

    /// <summary>True while the SIM has power (always true without a SIM power relay).</summary>
    public bool IsSimPowered => IsCircuitOn(RelayRole.SimPower);

    /// <summary>The attenuation in the antenna path; 0 dB until the first latch.</summary>
    public double AttenuationDecibels => driver.RunExclusive(() => attenuationDecibels);

    /// <summary>True while the swipe solenoid's coil is energized.</summary>
    public bool IsSolenoidEnergized => driver.RunExclusive(() => pulseStartTimestamp is not null);

    /// <summary>How many swipes the terminal has seen.</summary>
    public int SwipeCount => driver.RunExclusive(() => swipeCount);

    /// <summary>
    /// Makes a relay's armature stick (welded contacts, jammed armature): its circuit and read-back stay at
    /// <paramref name="energized"/> whatever the coil does, until <see cref="UnstickRelay"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rig has no such relay.</exception>
    public void StickRelay(RelayRole role, bool energized) => driver.RunExclusive(() =>
    {
        RelayWire relay = Relay(role);
        relay.StuckEnergized = energized;
        Update(relay, driver.TimeProvider.GetTimestamp());
    });

    /// <summary>Frees a relay made stuck by <see cref="StickRelay"/>; it follows its coil again.</summary>
    public void UnstickRelay(RelayRole role) => driver.RunExclusive(() =>
    {
        RelayWire relay = Relay(role);
        relay.StuckEnergized = null;
        Update(relay, driver.TimeProvider.GetTimestamp());
    });

    /// <summary>Disconnects the harness from the driver; no handler of it runs once this returns.</summary>
    public void Dispose() => driver.RunExclusive(() =>
    {
        // Under the driver's lock, where pin changes are announced: a change announced on another thread
        // finishes before this unsubscribes, and none starts after.
        if (disposed)
        {
            return;
        }

        disposed = true;
        driver.PinChanged -= OnPinChanged;
    });

    private void AddRelay(RelayRole role, RelayDefinition? definition)
    {
        if (definition is not null)
        {
            relays[role] = new RelayWire(role, definition);
        }
    }

    // State is read under the driver's lock, where the pin-change handler writes it.
    private bool IsCircuitOn(RelayRole role) =>
        !relays.TryGetValue(role, out RelayWire? relay) || driver.RunExclusive(() => relay.IsClosed);

    private RelayWire Relay(RelayRole role) =>
        relays.TryGetValue(role, out RelayWire? relay)
            ? relay
            : throw new InvalidOperationException($"rig '{Definition.Name}' has no {role} relay");

    private bool IsActive(int pin, bool activeHigh) =>
        driver.GetMode(pin) == PinMode.Output && (driver.GetLevel(pin) == PinValue.High) == activeHigh;

    private static bool IsActive(SimulatedPinChange change, bool activeHigh) =>
        change.IsDrivenByController && (change.Value == PinValue.High) == activeHigh;

    // Runs under the driver's lock (see SimulatedGpioDriver.PinChanged).
    private void OnPinChanged(object? sender, SimulatedPinChange change)
    {
        if (solenoid is not null && change.PinNumber == solenoid.Pin)
        {
            OnSolenoidPin(IsActive(change, solenoid.ActiveHigh), change.Timestamp);
        }

        foreach (RelayWire relay in relays.Values)
        {
            if (change.PinNumber == relay.Definition.Pin)
            {
                relay.CoilEnergized = IsActive(change, relay.Definition.ActiveHigh);
                Update(relay, change.Timestamp);
            }
        }

        if (attenuator is not null)
        {
            OnAttenuatorPin(change);
        }
    }

    private void OnSolenoidPin(bool energized, long timestamp)
    {
        if (energized && pulseStartTimestamp is null)
        {
            pulseStartTimestamp = timestamp;
        }
        else if (!energized && pulseStartTimestamp is long start)
        {
            pulseStartTimestamp = null;
            TimeSpan length = driver.TimeProvider.GetElapsedTime(start, timestamp);
            if (length >= options.MinimumSwipePulse)
            {
                swipeCount++;
                SwipeActuated?.Invoke(this, new SwipeActuation(start, timestamp, length));
            }
        }
    }

    private void OnAttenuatorPin(SimulatedPinChange change)
    {
        AttenuatorDefinition attenuator = this.attenuator!;
        bool high = change.IsDrivenByController && change.Value == PinValue.High;
        if (change.PinNumber == attenuator.DataPin)
        {
            attenuatorData = change.Value;
        }
        else if (change.PinNumber == attenuator.ClockPin)
        {
            if (high && !attenuatorClockHigh)
            {
                // Shift register: each rising clock edge shifts the data line in, most significant bit first.
                int mask = (1 << attenuator.Bits) - 1;
                shiftRegister = ((shiftRegister << 1) | (attenuatorData == PinValue.High ? 1 : 0)) & mask;
            }

            attenuatorClockHigh = high;
        }
        else if (change.PinNumber == attenuator.LatchPin)
        {
            if (high && !attenuatorLatchHigh)
            {
                double decibels = shiftRegister * attenuator.StepDecibels;
                if (decibels != attenuationDecibels)
                {
                    attenuationDecibels = decibels;
                    AttenuationChanged?.Invoke(this, new AttenuationChange(decibels, change.Timestamp));
                }
            }

            attenuatorLatchHigh = high;
        }
    }

    private void Update(RelayWire relay, long timestamp)
    {
        DriveSense(relay);
        bool closed = relay.CircuitClosed;
        if (closed == relay.IsClosed)
        {
            return;
        }

        relay.IsClosed = closed;
        EventHandler<CircuitChange>? handler = relay.Role switch
        {
            RelayRole.TerminalPower => TerminalPowerChanged,
            RelayRole.PhoneLine => PhoneLineChanged,
            _ => SimPowerChanged,
        };
        handler?.Invoke(this, new CircuitChange(closed, timestamp));
    }

    private void DriveSense(RelayWire relay)
    {
        if (relay.Definition.SensePin is int sense)
        {
            bool high = relay.ArmatureEnergized == relay.Definition.SenseActiveHigh;
            driver.DriveInput(sense, high ? PinValue.High : PinValue.Low);
        }
    }

    private sealed class RelayWire(RelayRole role, RelayDefinition definition)
    {
        public RelayRole Role { get; } = role;

        public RelayDefinition Definition { get; } = definition;

        public bool CoilEnergized { get; set; }

        public bool? StuckEnergized { get; set; }

        public bool IsClosed { get; set; }

        public bool ArmatureEnergized => StuckEnergized ?? CoilEnergized;

        public bool CircuitClosed =>
            Definition.Contact == RelayContact.NormallyOpen ? ArmatureEnergized : !ArmatureEnergized;
    }
}
