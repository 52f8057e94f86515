namespace Bench.Hardware;

/// <summary>
/// A dial-up terminal's modem configuration (profile key <c>pstn:</c>). Durations are terminal time.
/// </summary>
public sealed record PstnSettings
{
    /// <summary>What the modem dials (the NAC's number on the bench's line simulator).</summary>
    public string PhoneNumber { get; init; } = "95516";

    /// <summary>Line rate in bits per second; V.22 / Bell 212 is 1200. Ten bits per byte on the async link.</summary>
    public int BaudRate { get; init; } = 1200;

    /// <summary>S10: a line interruption up to this long survives; a longer one ends the call in NO CARRIER.</summary>
    public TimeSpan CarrierLossTolerance { get; init; } = TimeSpan.FromSeconds(1.4);

    /// <summary>S7: how long one dial attempt waits for CONNECT before giving up.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Dial attempts after the first that failed (NO DIALTONE, BUSY, NO ANSWER, NO CARRIER).</summary>
    public int DialRetries { get; init; } = 2;

    /// <summary>Pause between a failed dial attempt and the next.</summary>
    public TimeSpan RedialPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Dial while the card is read (at the card prompt) instead of after it.</summary>
    public bool PreDial { get; init; } = true;
}
