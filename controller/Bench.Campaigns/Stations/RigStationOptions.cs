using Bench.Host;

namespace Bench.Campaigns.Stations;

/// <summary>How a rig station is built: the host's options, the hardware it reaches, the operator.</summary>
public sealed record RigStationOptions
{
    /// <summary>The host's options; its listen address and port are taken from the rig file's <c>host:</c>.</summary>
    public HostOptions Host { get; init; } = new();

    public RigStationDevices Devices { get; init; } = RigStationDevices.Real;

    /// <summary>How long (wall time) the terminal may take from power-on to ready (boot and sign-on).</summary>
    public TimeSpan BootWallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>What the host's ledger held before (a resumed run's bookings); the station's host takes back its terminal's.</summary>
    public IReadOnlyList<LedgerEntry> LedgerBefore { get; init; } = [];

    /// <summary>Who does the steps the rig cannot (a swipe on a rig without a swiper); unattended by default.</summary>
    public OperatorConsole Operator { get; init; } = OperatorConsole.Unattended;
}
