namespace Bench.Hardware.Simulation;

/// <summary>Physical properties of the simulated rig that the rig definition does not describe.</summary>
public sealed record WiringHarnessOptions
{
    /// <summary>
    /// Shortest solenoid pulse that completes a stroke; a shorter pulse moves the card too little for the
    /// reader to see a swipe.
    /// </summary>
    public TimeSpan MinimumSwipePulse { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Where the card reader is along the servo's stroke, as fractions of the way from rest to end: the card is in
    /// the reader from <see cref="ReaderWindowStart"/> to <see cref="ReaderWindowEnd"/>.
    /// </summary>
    public double ReaderWindowStart { get; init; } = 0.3;

    /// <summary>See <see cref="ReaderWindowStart"/>.</summary>
    public double ReaderWindowEnd { get; init; } = 0.7;

    /// <summary>The servo's own top speed (a hobby servo does about 60° in 0.1 s): a jump in one write takes this long.</summary>
    public double ServoMaximumDegreesPerSecond { get; init; } = 600;

    /// <summary>What the powered terminal draws when idle.</summary>
    public double TerminalIdleMilliamperes { get; init; } = 150;

    /// <summary>What a modem's transmit burst adds.</summary>
    public double ModemTransmitMilliamperes { get; init; } = 350;

    /// <summary>The terminal's supply voltage.</summary>
    public double SupplyVolts { get; init; } = 12;
}
