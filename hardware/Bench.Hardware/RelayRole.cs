namespace Bench.Hardware;

/// <summary>What a rig relay switches.</summary>
public enum RelayRole
{
    /// <summary>The terminal's power supply.</summary>
    TerminalPower,

    /// <summary>The dial-up terminal's phone line.</summary>
    PhoneLine,

    /// <summary>The SIM card's supply.</summary>
    SimPower,
}
