using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>
/// A results store in a temporary folder with one run of the real host on loopback: terminals connect,
/// exchange requests and close, and the host records everything as it does in a campaign.
/// </summary>
internal sealed class HostRecording : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public HostRecording(bool keepRawFrames = false)
    {
        Store = ResultsStore.Open(System.IO.Path.Combine(folder.Path, "results.db"), new ResultsStoreOptions { KeepRawFrames = keepRawFrames });
    }

    public ResultsStore Store { get; }

    public string Folder => folder.Path;

    /// <summary>Runs the host for one run: each connection sends its requests in turn, then closes. Returns the run id.</summary>
    public async Task<long> RecordAsync(params Func<int, IEnumerable<Bench.Codec.IsoMessage>>[] connections)
    {
        var run = Store.CreateRun("capture test");
        await using var recorder = new FrameRecorder(Store, run);
        await using (var host = new HostSimulator(new HostOptions { Port = 0 }, HostRuleSet.ApproveAll, recorder: recorder))
        {
            host.Start();
            for (var index = 0; index < connections.Length; index++)
            {
                await using var terminal = await LoopbackTerminal.ConnectAsync(host.LocalEndPoint);
                foreach (var request in connections[index](index)) await terminal.ExchangeAsync(request);
                await terminal.CloseAsync();
            }
            await WhenClosedAsync(host);
        }
        Store.EndRun(run, "completed");
        return run;
    }

    /// <summary>Waits (bounded) until the host has recorded every connection's close.</summary>
    public static async Task WhenClosedAsync(HostSimulator host)
    {
        var deadline = DateTime.UtcNow + LoopbackTerminal.Patience;
        while (host.OpenConnections > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.That(host.OpenConnections, Is.Zero, "connections the host should have closed");
    }

    public void Dispose()
    {
        Store.Dispose();
        folder.Dispose();
    }
}
