using System.Net;
using Bench.Hardware.Simulation.Link;

namespace Bench.Hardware.Simulation.Cellular;

/// <summary>
/// The cellular medium of one simulated terminal, built in one go: a <see cref="LinkEmulator"/> to the host
/// and the <see cref="CellularModule"/> on the rig that governs it. Give <see cref="Module"/> to the
/// terminal's modem driver; put host-link faults on <see cref="Link"/> in their own layers.
/// </summary>
public sealed class SimulatedCellularNetwork : IAsyncDisposable
{
    /// <summary>Starts the link (listening on loopback) and wires the module to the rig.</summary>
    /// <param name="harness">The simulated rig's wiring: terminal power, SIM power and attenuation reach the module only through it.</param>
    /// <param name="time">The terminal's clock (the station's scaled clock).</param>
    /// <param name="settings">The terminal profile's cellular settings.</param>
    /// <param name="host">The host (or NAC, or proxy) the carrier network leads to.</param>
    /// <param name="seed">Seeds the link's randomness; change it per trial with <see cref="CellularModule.Reseed"/>.</param>
    /// <param name="lossModel">Loss against RSRP; <see cref="SignalLossModel.Default"/> when null.</param>
    /// <param name="transmit">How long the radio transmits per write (its bursts on the terminal's supply); defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A cellular setting is out of range (named).</exception>
    public SimulatedCellularNetwork(
        WiringHarness harness, TimeProvider time, CellularSettings settings, EndPoint host, int seed, SignalLossModel? lossModel = null,
        CellularTransmitOptions? transmit = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(host);
        // Checked before the link starts listening, so bad settings leave nothing behind.
        CellularModule.CheckSettings(settings);
        transmit?.Validate();
        Link = new LinkEmulator(host, time, new Random(seed));
        Module = new CellularModule(harness, Link, settings, time, lossModel, transmit);
    }

    /// <summary>The carrier's data path from the module to the host.</summary>
    public LinkEmulator Link { get; }

    /// <summary>The terminal's cellular module.</summary>
    public CellularModule Module { get; }

    /// <summary>Ends the data session and closes the link.</summary>
    public async ValueTask DisposeAsync()
    {
        Module.Dispose();
        await Link.DisposeAsync();
    }
}
