using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Opens one simulated station per terminal profile on first use and keeps it for the run,
/// so a terminal's flash (pending reversals, STAN counter) carries over from trial to trial
/// as it would on the rig.
/// </summary>
public sealed class SimulatedStationFactory(
    RigDefinition rig,
    TestCardDefinition card,
    HostRuleSet hostRules,
    string flashRoot,
    FrameRecorder? recorder,
    SimulatedStationOptions? options = null,
    ILoggerFactory? loggers = null) : ITestStationFactory
{
    private readonly Dictionary<TerminalProfile, SimulatedStation> stations = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public IReadOnlyCollection<SimulatedStation> OpenStations => stations.Values;

    public IReadOnlyCollection<TestStation> OpenedStations => [.. stations.Values.Select(simulated => simulated.Station)];

    public async Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!stations.TryGetValue(terminal, out var station))
            {
                var folder = string.Concat($"{terminal.Model}-{terminal.TerminalId}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
                var flash = Path.Combine(flashRoot, folder);
                station = await SimulatedStation.StartAsync(rig, terminal, card, hostRules, flash, recorder, options, loggers, cancellationToken);
                stations.Add(terminal, station);
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
        foreach (var station in stations.Values) await station.DisposeAsync();
        stations.Clear();
        gate.Dispose();
    }
}
