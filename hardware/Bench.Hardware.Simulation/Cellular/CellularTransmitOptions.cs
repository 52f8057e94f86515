namespace Bench.Hardware.Simulation.Cellular;

/// <summary>
/// How long the simulated cellular module's radio transmits for what the terminal sends, which is how long the
/// terminal's supply shows a transmit burst (<see cref="I2c.SimulatedTerminalSupply"/>). The defaults are a GPRS
/// class 10 module (two uplink slots at CS-2, about 26.8 kbit/s), the slowest radio a payment terminal still has.
/// </summary>
public sealed record CellularTransmitOptions
{
    /// <summary>The uplink's rate on air, in bits per second.</summary>
    public double UplinkBitsPerSecond { get; init; } = 26_800;

    /// <summary>What the carrier adds to each write on air: its TCP and IP headers.</summary>
    public int HeaderBytes { get; init; } = 40;

    /// <summary>
    /// The shortest burst: even one byte costs the radio a scheduling request and at least one transmission slot
    /// with its power amplifier ramping up and down.
    /// </summary>
    public TimeSpan MinimumBurst { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long <paramref name="payloadBytes"/> written at once take on air (at least <see cref="MinimumBurst"/>).</summary>
    public TimeSpan AirTime(int payloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
        TimeSpan onAir = TimeSpan.FromSeconds((payloadBytes + HeaderBytes) * 8.0 / UplinkBitsPerSecond);
        return onAir > MinimumBurst ? onAir : MinimumBurst;
    }

    /// <summary>Throws when a value cannot work, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (named).</exception>
    public void Validate()
    {
        if (!double.IsFinite(UplinkBitsPerSecond) || UplinkBitsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UplinkBitsPerSecond), UplinkBitsPerSecond, "the cellular uplink rate must be a positive number of bit/s");
        }

        if (HeaderBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HeaderBytes), HeaderBytes, "the cellular header bytes must not be negative");
        }

        if (MinimumBurst < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumBurst), MinimumBurst, "the cellular minimum transmit burst must not be negative");
        }
    }
}
