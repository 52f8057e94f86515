using Bench.Hardware;

namespace Bench.Campaigns.Stations;

/// <summary>Opens the station a terminal profile is tested on: the simulated rig or a real rig.</summary>
public interface ITestStationFactory : IAsyncDisposable
{
    /// <summary>The station for <paramref name="terminal"/>, opened on first use and kept for the run.</summary>
    Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken);

    /// <summary>Every station opened so far (the end of a run settles each); none unless the factory keeps them.</summary>
    IReadOnlyCollection<TestStation> OpenedStations => [];
}
