namespace Bench.Hardware.Nac;

/// <summary>How the NAC answers calls and reaches hosts. Durations are terminal time.</summary>
public sealed record NetworkAccessControllerOptions(TpduRoutingTable Routing)
{
    /// <summary>Rings before the modem answers by itself (ATS0); 0 makes the NAC answer with ATA on the first RING.</summary>
    public int AnswerAfterRings { get; init; } = 1;

    /// <summary>
    /// The answering modem's carrier-loss tolerance (S10, set in tenths of a second, 0.1 to 25.4 s). A call
    /// ends when either modem gives up, so to measure a terminal's tolerance the bench's must be longer. But
    /// V.22 has no hang-up signal: after the terminal hangs up, the bench's line stays busy this long.
    /// </summary>
    public TimeSpan CarrierLossTolerance { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an AT command may take before the modem is considered deaf.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long ATA may take to train (the modem's own S7 ends it sooner).</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a TCP connect to a host may take.</summary>
    public TimeSpan HostConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The modem's escape guard time (S12); the NAC keeps 1.5 times this quiet around <c>+++</c>.</summary>
    public TimeSpan GuardTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before initialising the modem again after it did not answer.</summary>
    public TimeSpan ModemRetryPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a value cannot work, naming it.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Routing, nameof(Routing));
        if (CarrierLossTolerance < TimeSpan.FromSeconds(0.1) || CarrierLossTolerance > TimeSpan.FromSeconds(25.4))
            throw new ArgumentOutOfRangeException(nameof(CarrierLossTolerance), CarrierLossTolerance, "the carrier-loss tolerance (S10) must be 0.1 s to 25.4 s");
        if (AnswerAfterRings is < 0 or > 255)
            throw new ArgumentOutOfRangeException(nameof(AnswerAfterRings), AnswerAfterRings, "rings before answering must be 0 to 255");
        foreach (var (name, value) in new[]
                 {
                     (nameof(CommandTimeout), CommandTimeout), (nameof(AnswerTimeout), AnswerTimeout),
                     (nameof(HostConnectTimeout), HostConnectTimeout), (nameof(GuardTime), GuardTime),
                     (nameof(ModemRetryPause), ModemRetryPause),
                 })
        {
            if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
