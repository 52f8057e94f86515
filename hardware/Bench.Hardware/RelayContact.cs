namespace Bench.Hardware;

/// <summary>Which of the relay's contacts the switched circuit is wired through.</summary>
public enum RelayContact
{
    /// <summary>
    /// Normally closed: the circuit is closed while the relay is de-energized. Fail-safe: a dead Pi or
    /// an unopened pin leaves the terminal powered and connected. The recommended wiring.
    /// </summary>
    NormallyClosed,

    /// <summary>Normally open: the circuit is closed only while the relay is energized.</summary>
    NormallyOpen,
}
