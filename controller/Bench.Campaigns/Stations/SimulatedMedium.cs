using System.Net;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Cellular;
using Bench.Hardware.Simulation.Link;
using Bench.SimulatedTerminal.Modem;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>
/// The simulated medium between a terminal and the host (DESIGN.md §3a), built for the profile's
/// <c>link:</c>: the terminal's modem, and behind it the physics the rig acts on only through its pins
/// (the phone line through the line relay, the cellular module through the SIM relay and the attenuator).
/// Owns everything it built.
/// </summary>
public abstract class SimulatedMedium : IAsyncDisposable
{
    /// <summary>The firmware's modem, for <see cref="Bench.SimulatedTerminal.SimulatedTerminalOptions.Modem"/>.</summary>
    public abstract IModem Modem { get; }

    /// <summary>The simulated carrier a cellular terminal's data goes through; null on other links.</summary>
    public virtual ISimulatedCarrier? Carrier => null;

    /// <summary>The link emulator the terminal's TCP goes through, for link faults; null where there is none.</summary>
    public virtual ISimulatedLink? Link => null;

    /// <summary>Why the medium stopped working, or null while it works.</summary>
    public virtual string? Fault => null;

    public abstract ValueTask DisposeAsync();

    /// <summary>Builds the medium of <paramref name="profile"/> on <paramref name="rig"/>'s harness, leading to <paramref name="host"/>.</summary>
    public static SimulatedMedium Create(TerminalProfile profile, SimulatedRig rig, EndPoint host, TimeProvider clock, ILoggerFactory loggers)
    {
        return profile.Link switch
        {
            LinkKind.Ethernet => EthernetMedium.Build(profile, host, clock),
            LinkKind.Cellular => CellularMedium.Build(profile, rig, host, clock),
            LinkKind.Pstn => PstnMedium.Build(profile, rig, host, clock, loggers),
            _ => throw new RigFaultException($"the simulated rig has no '{profile.Link}' medium; links: {string.Join(", ", LinkKind.All)}"),
        };
    }

    /// <summary>The bench network: plain TCP, through a link emulator that passes everything until a link fault is applied.</summary>
    private sealed class EthernetMedium(LinkEmulator emulator, EthernetModem modem) : SimulatedMedium
    {
        public static EthernetMedium Build(TerminalProfile profile, EndPoint host, TimeProvider clock)
        {
            var emulator = new LinkEmulator(host, clock, new Random(0));
            return new EthernetMedium(emulator, new EthernetModem(emulator.LocalEndPoint, profile.ConnectTimeout, clock));
        }

        public override IModem Modem => modem;

        public override ISimulatedLink Link { get; } = new EmulatedLink(emulator);

        public override async ValueTask DisposeAsync()
        {
            await modem.DisposeAsync();
            await emulator.DisposeAsync();
        }
    }

    private sealed class EmulatedLink(LinkEmulator emulator) : ISimulatedLink
    {
        public void Apply(string layer, LinkConditions conditions) => emulator.SetConditions(layer, conditions);

        public void Release(string layer) => emulator.RemoveConditions(layer);
    }

    private sealed class CellularMedium(SimulatedCellularNetwork network, CellularModemDriver driver) : SimulatedMedium, ISimulatedCarrier
    {
        public static CellularMedium Build(TerminalProfile profile, SimulatedRig rig, EndPoint host, TimeProvider clock)
        {
            var network = new SimulatedCellularNetwork(rig.Harness, clock, profile.Cellular, host, seed: 0);
            return new CellularMedium(network, new CellularModemDriver(network.Module, profile.ConnectTimeout, clock));
        }

        public override IModem Modem => driver;

        public override ISimulatedCarrier Carrier => this;

        public override ISimulatedLink Link { get; } = new EmulatedLink(network.Link);

        public void SetDataQuota(long? bytes) => network.Module.SetDataQuota(bytes);

        public void Reseed(int seed) => network.Module.Reseed(seed);

        public override async ValueTask DisposeAsync()
        {
            await driver.DisposeAsync();
            await network.DisposeAsync();
        }
    }
}
