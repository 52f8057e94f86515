namespace Bench.Hardware.Simulation.Pstn;

/// <summary>What a <see cref="SimulatedPstnLink"/> builds beyond the profile's <see cref="PstnSettings"/>.</summary>
public sealed record SimulatedPstnOptions
{
    /// <summary>The number of the terminal's own line (the one through the line relay).</summary>
    public string TerminalLineNumber { get; init; } = "83000001";

    /// <summary>Physics of both modems; the line rate is taken from <see cref="PstnSettings.BaudRate"/>.</summary>
    public SimulatedModemOptions Modem { get; init; } = new();

    /// <summary>Whether the terminal's modem starts powered (it shares the terminal's supply).</summary>
    public bool TerminalModemPowered { get; init; } = true;
}
