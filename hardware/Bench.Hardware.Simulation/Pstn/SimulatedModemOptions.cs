namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// Physics of a simulated Hayes modem and of the calls it makes. Durations are terminal time. The defaults
/// are those of a V.22 / Bell 212 modem on a local exchange: about 5.5 s from ATDT to CONNECT.
/// </summary>
public sealed record SimulatedModemOptions
{
    /// <summary>Line rate in bits per second, reported in <c>CONNECT &lt;rate&gt;</c>; ten bits per byte on the async link.</summary>
    public int LineRate { get; init; } = 1200;

    /// <summary>How long the modem listens for a dial tone on a dead line before it says NO DIALTONE.</summary>
    public TimeSpan DialToneWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>From dial tone to the far end ringing (or busy): the digits and the exchange's switching.</summary>
    public TimeSpan DialDuration { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Ring cadence at the called modem: a RING at once, then one every interval (2 s on, 4 s off).</summary>
    public TimeSpan RingInterval { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>From the answer to CONNECT on both ends: answer tone and V.22 training.</summary>
    public TimeSpan TrainingDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws when a value cannot work, naming it.</summary>
    public void Validate()
    {
        if (LineRate is < 300 or > 56_000)
            throw new ArgumentOutOfRangeException(nameof(LineRate), LineRate, "the line rate must be 300 to 56000 bit/s");
        foreach (var (name, value) in new[]
                 {
                     (nameof(DialToneWait), DialToneWait), (nameof(DialDuration), DialDuration),
                     (nameof(RingInterval), RingInterval), (nameof(TrainingDuration), TrainingDuration),
                 })
        {
            if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
        }
        if (RingInterval == TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RingInterval), RingInterval, "the ring interval must be positive");
    }
}
