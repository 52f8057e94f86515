using Bench.Results;

namespace Bench.Host.Tests;

/// <summary>A running host on an ephemeral loopback port, recording into a temporary database.</summary>
internal sealed class HostFixture : IAsyncDisposable
{
    private readonly string directory;

    private HostFixture(string directory, ResultsStore store, FrameRecorder recorder, HostSimulator host)
    {
        this.directory = directory;
        Store = store;
        Recorder = recorder;
        Host = host;
    }

    public ResultsStore Store { get; }
    public FrameRecorder Recorder { get; }
    public HostSimulator Host { get; }

    public static HostFixture Start(HostRuleSet? rules = null, TimeProvider? clock = null, HostOptions? options = null)
    {
        var directory = Directory.CreateTempSubdirectory("bench-host-tests-").FullName;
        var store = ResultsStore.Open(Path.Combine(directory, "results.db"));
        var recorder = new FrameRecorder(store, store.CreateRun("test"));
        var host = new HostSimulator(options, rules, clock, recorder);
        host.Start();
        return new HostFixture(directory, store, recorder, host);
    }

    public Task<TestTerminal> ConnectAsync() => TestTerminal.ConnectAsync(Host.LocalEndPoint);

    /// <summary>Every protocol-error event recorded so far, after a flush.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ProtocolErrorsAsync()
    {
        await Recorder.FlushAsync();
        return Store.ReadEvents(kind: EventKinds.ProtocolError);
    }

    /// <summary>Waits (bounded) until the host has only <paramref name="stillOpen"/> connections, so everything about the others is recorded.</summary>
    public async Task WhenConnectionsClosedAsync(int stillOpen = 0)
    {
        var deadline = DateTime.UtcNow + TestTerminal.Patience;
        while (Host.OpenConnections > stillOpen && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.That(Host.OpenConnections, Is.LessThanOrEqualTo(stillOpen), "connections the host should have closed");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Recorder.DisposeAsync();
        Store.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
