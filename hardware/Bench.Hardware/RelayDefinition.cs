namespace Bench.Hardware;

/// <summary>One relay channel: its coil pin, how the switched circuit is wired, and its read-back input.</summary>
public sealed record RelayDefinition
{
    /// <summary>
    /// GPIO (BCM numbering) that drives the relay coil, or the expander's pin (0–15, GPA0–7 then GPB0–7) when
    /// <see cref="Expander"/> is set.
    /// </summary>
    public required int Pin { get; init; }

    /// <summary>True when a high level energizes the coil. Many opto-isolated relay boards are active low.</summary>
    public bool ActiveHigh { get; init; } = true;

    /// <summary>Which contact carries the switched circuit.</summary>
    public RelayContact Contact { get; init; } = RelayContact.NormallyClosed;

    /// <summary>
    /// GPIO input wired to an auxiliary contact that closes while the relay is energized, or null when the
    /// relay has no read-back.
    /// </summary>
    public int? SensePin { get; init; }

    /// <summary>
    /// True when the sense input reads high while the relay is energized (contact to 3.3 V, pin pulled down);
    /// false for a contact to ground with the pin pulled up.
    /// </summary>
    public bool SenseActiveHigh { get; init; } = true;

    /// <summary>
    /// The MCP23017 (by its name in <c>i2c.devices</c>) whose pins drive this relay's coil and read its sense
    /// contact, or null for the Pi's header. The expander's inputs have only pull-ups: a sense contact on it goes
    /// to ground (<see cref="SenseActiveHigh"/> false).
    /// </summary>
    public string? Expander { get; init; }

    /// <summary>How long the contacts take to settle before the read-back is trusted.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(50);
}
