namespace Bench.Hardware;

/// <summary>
/// How one rig is wired: which GPIO driver to use and which pins drive which device
/// (fixtures/rigs/*.yaml; YAML keys are the camelCase of these property names).
/// A device left null is not fitted on this rig; asking the <see cref="Rig"/> to use it is a rig fault.
/// </summary>
public sealed record RigDefinition
{
    /// <summary>Name used in logs and fault messages.</summary>
    public string Name { get; init; } = "rig";

    /// <summary>Which GPIO driver the rig opens on a real board. Ignored by the simulated rig.</summary>
    public GpioDriverKind GpioDriver { get; init; } = GpioDriverKind.LibGpiodV2;

    /// <summary>
    /// The gpiochip the header pins live on (libgpiod drivers only). On a Pi 5 with a current kernel
    /// the 40-pin header is gpiochip0 (the RP1); older kernels numbered it gpiochip4.
    /// </summary>
    public int GpioChip { get; init; }

    /// <summary>The card swipe solenoid.</summary>
    public SolenoidDefinition? Swipe { get; init; }

    /// <summary>Relay that switches the terminal's power supply.</summary>
    public RelayDefinition? TerminalPower { get; init; }

    /// <summary>Relay in series with the dial-up terminal's phone line.</summary>
    public RelayDefinition? PhoneLine { get; init; }

    /// <summary>Relay that switches the SIM card's supply (cellular terminals).</summary>
    public RelayDefinition? SimPower { get; init; }

    /// <summary>Serial step attenuator on the cellular antenna path.</summary>
    public AttenuatorDefinition? Attenuator { get; init; }

    /// <summary>The I2C bus and its chips (servo driver, relay expander, supply monitor), or null without one.</summary>
    public I2cBusDefinition? I2c { get; init; }

    /// <summary>Which actuator swipes the card: the <see cref="Swipe"/> solenoid (the default) or the <see cref="Servo"/>.</summary>
    public SwiperKind Swiper { get; init; } = SwiperKind.Solenoid;

    /// <summary>The servo swiper on a PCA9685 channel.</summary>
    public ServoSwiperDefinition? Servo { get; init; }

    /// <summary>The INA219 on the terminal's supply.</summary>
    public SupplyCurrentDefinition? SupplyCurrent { get; init; }

    /// <summary>The terminal's ECR port; required on a real rig, unused by the simulated one (it opens a pty).</summary>
    public SerialPortDefinition? Ecr { get; init; }

    /// <summary>The terminal's debug console UART, or null when it is not wired.</summary>
    public SerialPortDefinition? Console { get; init; }

    /// <summary>Where the host simulator listens for a real rig's terminal.</summary>
    public HostListenDefinition Host { get; init; } = new();

    /// <summary>True for the simulated rig (<see cref="GpioDriverKind.Simulated"/>), false for a real board.</summary>
    public bool IsSimulated => GpioDriver == GpioDriverKind.Simulated;

    /// <summary>True when the actuator <see cref="Swiper"/> chooses is fitted.</summary>
    public bool HasSwiper => Swiper == SwiperKind.Servo ? Servo is not null : Swipe is not null;

    /// <summary>
    /// Every header GPIO the fitted devices use, in a stable order: the I2C bus's SDA/SCL included, relays on an
    /// expander not (see <see cref="ExpanderPinAssignments"/>).
    /// </summary>
    public IReadOnlyList<PinAssignment> PinAssignments()
    {
        List<PinAssignment> pins = [];
        if (I2c is not null)
        {
            pins.AddRange(I2c.HeaderPins());
        }

        if (Swipe is not null)
        {
            pins.Add(new PinAssignment(Swipe.Pin, "swipe solenoid"));
        }

        AddRelay(pins, TerminalPower, "terminal power");
        AddRelay(pins, PhoneLine, "phone line");
        AddRelay(pins, SimPower, "SIM power");
        if (Attenuator is not null)
        {
            pins.Add(new PinAssignment(Attenuator.ClockPin, "attenuator clock"));
            pins.Add(new PinAssignment(Attenuator.DataPin, "attenuator data"));
            pins.Add(new PinAssignment(Attenuator.LatchPin, "attenuator latch"));
        }

        return pins;
    }

    /// <summary>Every expander pin the relays use, each with its expander's name, in a stable order.</summary>
    public IReadOnlyList<PinAssignment> ExpanderPinAssignments()
    {
        List<PinAssignment> pins = [];
        AddExpanderRelay(pins, TerminalPower, "terminal power");
        AddExpanderRelay(pins, PhoneLine, "phone line");
        AddExpanderRelay(pins, SimPower, "SIM power");
        return pins;
    }

    private static void AddRelay(List<PinAssignment> pins, RelayDefinition? relay, string name)
    {
        if (relay is null || relay.Expander is not null)
        {
            return;
        }

        pins.Add(new PinAssignment(relay.Pin, $"{name} relay"));
        if (relay.SensePin is int sense)
        {
            pins.Add(new PinAssignment(sense, $"{name} sense"));
        }
    }

    private static void AddExpanderRelay(List<PinAssignment> pins, RelayDefinition? relay, string name)
    {
        if (relay?.Expander is not { } expander)
        {
            return;
        }

        pins.Add(new PinAssignment(relay.Pin, $"{name} relay", expander));
        if (relay.SensePin is int sense)
        {
            pins.Add(new PinAssignment(sense, $"{name} sense", expander));
        }
    }
}
