using System.Net;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>The dial-up medium: terminal modem, phone line through the line relay, answering modem and the NAC.</summary>
internal static class PstnMedium
{
    public static Task<SimulatedMedium> CreateAsync(
        TerminalProfile profile, SimulatedRig rig, EndPoint host, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        throw new RigFaultException("the simulated dial-up medium is not wired yet");
}
