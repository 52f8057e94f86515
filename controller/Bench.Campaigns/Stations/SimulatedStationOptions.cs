using Bench.Hardware;
using Bench.Host;

namespace Bench.Campaigns.Stations;

/// <summary>How a simulated station is built: the host's options and the firmware's bug switches.</summary>
public sealed record SimulatedStationOptions
{
    public HostOptions Host { get; init; } = new();

    /// <summary>
    /// Field bugs the simulated firmware should carry (DESIGN.md §6) in place of the profile's
    /// <see cref="TerminalProfile.FirmwareBugs"/>; null (the default) keeps the profile's.
    /// </summary>
    public FirmwareBugs? FirmwareBugs { get; init; }

    public int BaudRate { get; init; } = 115_200;

    /// <summary>How long (wall time) boot and sign-on may take before the station counts as broken.</summary>
    public TimeSpan BootWallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The key the terminals' flash seals card data under (<see cref="Bench.SimulatedTerminal.SimulatedTerminalOptions.SecureElementKey"/>); null: one per process.</summary>
    public byte[]? SecureElementKey { get; init; }

    /// <summary>What the hosts' ledgers held before (a resumed run's bookings); each station's host takes back its terminal's.</summary>
    public IReadOnlyList<LedgerEntry> LedgerBefore { get; init; } = [];

    /// <summary>A file every station's simulated rig appends its pin changes to (<see cref="Bench.Hardware.Simulation.SimulatedPinTrace"/>); null for none.</summary>
    public string? PinTraceFile { get; init; }

    /// <summary>Who does the steps the rig cannot (<c>bench run --unattended</c> keeps nobody); unattended by default.</summary>
    public OperatorConsole Operator { get; init; } = OperatorConsole.Unattended;
}
