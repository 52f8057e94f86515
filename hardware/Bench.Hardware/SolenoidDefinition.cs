namespace Bench.Hardware;

/// <summary>The swipe solenoid's driver pin and pulse timing.</summary>
public sealed record SolenoidDefinition
{
    /// <summary>GPIO (BCM numbering) that drives the solenoid's MOSFET/driver board.</summary>
    public required int Pin { get; init; }

    /// <summary>True when a high level energizes the coil.</summary>
    public bool ActiveHigh { get; init; } = true;

    /// <summary>How long the coil is energized for one swipe stroke.</summary>
    public TimeSpan Dwell { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Least time between the end of one pulse and the start of the next (coil cooling, return spring).</summary>
    public TimeSpan MinimumRearm { get; init; } = TimeSpan.FromMilliseconds(1000);
}
