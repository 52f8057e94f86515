using Bench.Hardware;

namespace Bench.Campaigns.Stations;

/// <summary>Opens the station a terminal profile is tested on: the simulated rig, or (later) the Pi rig.</summary>
public interface ITestStationFactory : IAsyncDisposable
{
    /// <summary>The station for <paramref name="terminal"/>, opened on first use and kept for the run.</summary>
    Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken);
}
