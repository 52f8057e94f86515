using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Opens the station of a real rig (<see cref="RigStation"/>) on first use and keeps it for the run. A rig has one
/// ECR port, so it carries one terminal: a campaign that asks for a second terminal profile gets a rig fault.
/// </summary>
public sealed class RigStationFactory(
    RigDefinition rig,
    TestCardDefinition card,
    HostRuleSet hostRules,
    FrameRecorder? recorder,
    RigStationOptions? options = null,
    ILoggerFactory? loggers = null) : ITestStationFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private RigStation? station;

    public IReadOnlyCollection<TestStation> OpenedStations => station is null ? [] : [station.Station];

    public async Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (station is null)
            {
                station = await RigStation.StartAsync(rig, terminal, card, hostRules, recorder, options, loggers, cancellationToken);
            }
            else if (station.Station.Terminal != terminal)
            {
                throw new RigFaultException(
                    $"rig '{rig.Name}' carries {station.Station.Terminal.Model} (TID {station.Station.Terminal.TerminalId}); "
                    + $"{terminal.Model} (TID {terminal.TerminalId}) needs a run of its own with that terminal on the rig");
            }

            return station.Station;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (station is not null) await station.DisposeAsync();
        station = null;
        gate.Dispose();
    }
}
