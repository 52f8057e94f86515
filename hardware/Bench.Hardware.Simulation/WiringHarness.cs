using System.Device.Gpio;
using Bench.Hardware.Simulation.I2c;

namespace Bench.Hardware.Simulation;

/// <summary>
/// The virtual wiring between a <see cref="SimulatedGpioDriver"/> and the simulated rig's devices, bound to a
/// <see cref="RigDefinition"/>'s pin map. It turns pin changes into physics: a long enough solenoid pulse is a
/// swipe, relay coils open and close circuits (and drive their read-back inputs), and the attenuator's
/// clock/data/latch pins are decoded bit by bit, as the chip would, into an attenuation. With a simulated I2C bus
/// it also follows the chips' registers: a servo whose pulse width carries the arm through the reader is a swipe
/// (its speed from the angle's rate of change), MCP23017 outputs drive relays like header pins do (and its inputs
/// carry their read-back), and the INA219 measures the terminal's supply (<see cref="TerminalSupply"/>).
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
    private readonly SimulatedI2cBus? i2c;
    private readonly Dictionary<string, SimulatedMcp23017> expanders = [];
    private readonly SimulatedPca9685? servoDriver;
    private readonly ServoSwiperDefinition? servo;
    private double? pendingServoAngle;
    private long pendingServoTimestamp;
    private bool servoArmed;
    private long? readerEntryTimestamp;

    /// <summary>Wires the rig's devices to <paramref name="driver"/> and drives the read-back inputs to match.</summary>
    /// <param name="driver">The simulated GPIO chip of the header.</param>
    /// <param name="definition">The wiring.</param>
    /// <param name="options">Physics of the simulated devices.</param>
    /// <param name="i2c">The simulated I2C chips of the definition's <c>i2c</c> section, or null without one.</param>
    public WiringHarness(SimulatedGpioDriver driver, RigDefinition definition, WiringHarnessOptions? options = null, SimulatedI2cBus? i2c = null)
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
        this.i2c = i2c;
        if (i2c is not null)
        {
            foreach (RelayWire relay in relays.Values)
            {
                if (relay.Definition.Expander is { } name && !expanders.ContainsKey(name))
                {
                    expanders[name] = i2c.Find<SimulatedMcp23017>(name)
                        ?? throw new ArgumentException($"rig '{definition.Name}' has no simulated MCP23017 '{name}'", nameof(i2c));
                }
            }

            if (definition.Swiper == SwiperKind.Servo && definition.Servo is { } servoDefinition)
            {
                servo = servoDefinition;
                servoDriver = i2c.Find<SimulatedPca9685>(servoDefinition.Device)
                    ?? throw new ArgumentException($"rig '{definition.Name}' has no simulated PCA9685 '{servoDefinition.Device}'", nameof(i2c));
            }

            if (definition.SupplyCurrent is { } supply && i2c.Find<SimulatedIna219>(supply.Device) is { } monitor)
            {
                TerminalSupply = new SimulatedTerminalSupply(() => IsTerminalPowered, this.options);
                monitor.CurrentAmperes = () => TerminalSupply.Amperes;
                monitor.BusVolts = () => TerminalSupply.Volts;
            }
        }

        driver.RunExclusive(() =>
        {
            foreach (RelayWire relay in relays.Values)
            {
                relay.CoilEnergized = IsCoilActive(relay);
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
            foreach (SimulatedMcp23017 expander in expanders.Values)
            {
                expander.OutputsChanged += OnExpanderOutputs;
            }

            if (servoDriver is not null)
            {
                servoDriver.OutputsChanged += OnServoOutputs;
            }
        });
    }

    /// <summary>The terminal's draw on its supply that the INA219 measures, or null without one.</summary>
    public SimulatedTerminalSupply? TerminalSupply { get; }

    /// <summary>The servo arm's angle as last commanded, or null without a servo swiper or before its first pulse.</summary>
    public double? ServoAngle => driver.RunExclusive(() => pendingServoAngle);

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
        foreach (SimulatedMcp23017 expander in expanders.Values)
        {
            expander.OutputsChanged -= OnExpanderOutputs;
        }

        if (servoDriver is not null)
        {
            servoDriver.OutputsChanged -= OnServoOutputs;
        }
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
            if (relay.Definition.Expander is null && change.PinNumber == relay.Definition.Pin)
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
            if (relay.Definition.Expander is { } name)
            {
                expanders[name].DriveInput(sense, high ? PinValue.High : PinValue.Low);
            }
            else
            {
                driver.DriveInput(sense, high ? PinValue.High : PinValue.Low);
            }
        }
    }

    private bool IsCoilActive(RelayWire relay) =>
        relay.Definition.Expander is { } name
            ? expanders[name].OutputLevel(relay.Definition.Pin) is PinValue level && (level == PinValue.High) == relay.Definition.ActiveHigh
            : IsActive(relay.Definition.Pin, relay.Definition.ActiveHigh);

    // Raised by the expander after its write, outside its lock; its state is read anew under the driver's lock.
    private void OnExpanderOutputs(object? sender, EventArgs e) => driver.RunExclusive(() =>
    {
        if (disposed)
        {
            return;
        }

        long now = driver.TimeProvider.GetTimestamp();
        foreach (RelayWire relay in relays.Values)
        {
            if (relay.Definition.Expander is { } name && ReferenceEquals(expanders[name], sender))
            {
                relay.CoilEnergized = IsCoilActive(relay);
                Update(relay, now);
            }
        }
    });

    // The binding writes each 16-bit LED register byte by byte and then whole: for a moment the pulse width is a
    // mix of old and new bytes. A servo acts on the width it sees for a PWM period, so a width replaced within
    // half a period is one it never saw; a width is committed as the arm's position when the next one comes.
    private void OnServoOutputs(object? sender, EventArgs e) => driver.RunExclusive(() =>
    {
        if (disposed)
        {
            return;
        }

        SimulatedPca9685 chip = servoDriver!;
        ServoSwiperDefinition arm = servo!;
        long now = driver.TimeProvider.GetTimestamp();
        TimeSpan width = chip.PulseWidth(arm.Channel);
        if (width <= TimeSpan.Zero)
        {
            // No pulses: a hobby servo holds where it is.
            return;
        }

        if (pendingServoAngle is double pending && driver.TimeProvider.GetElapsedTime(pendingServoTimestamp, now) >= chip.Period / 2)
        {
            CommitServoAngle(pending, pendingServoTimestamp);
        }

        pendingServoAngle = Math.Clamp(arm.AngleAt(width.TotalMicroseconds), 0, arm.MaximumAngle);
        pendingServoTimestamp = now;
    });

    // The card is in the reader between the window's ends; a pass from rest through the whole window is a swipe.
    private void CommitServoAngle(double angle, long timestamp)
    {
        ServoSwiperDefinition arm = servo!;
        double fraction = (angle - arm.RestAngle) / (arm.EndAngle - arm.RestAngle);
        if (fraction < options.ReaderWindowStart)
        {
            servoArmed = true;
            readerEntryTimestamp = null;
            return;
        }

        if (!servoArmed)
        {
            return;
        }

        readerEntryTimestamp ??= timestamp;
        if (fraction < options.ReaderWindowEnd)
        {
            return;
        }

        long entry = readerEntryTimestamp.Value;
        double windowDegrees = Math.Abs(arm.EndAngle - arm.RestAngle) * (options.ReaderWindowEnd - options.ReaderWindowStart);
        TimeSpan passage = entry == timestamp
            ? TimeSpan.FromSeconds(windowDegrees / options.ServoMaximumDegreesPerSecond)
            : driver.TimeProvider.GetElapsedTime(entry, timestamp);
        servoArmed = false;
        readerEntryTimestamp = null;
        swipeCount++;
        SwipeActuated?.Invoke(this, new SwipeActuation(entry, timestamp, passage) { DegreesPerSecond = windowDegrees / passage.TotalSeconds });
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
