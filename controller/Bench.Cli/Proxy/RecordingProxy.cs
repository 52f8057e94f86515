using System.Net;
using Bench.Campaigns.Fixtures;
using Bench.Hardware.Simulation.Link;
using Bench.Results;

namespace Bench.Cli.Proxy;

/// <summary>
/// What <c>bench proxy</c> runs: the link emulator between a terminal and an upstream host, under a faults
/// file's conditions, with a <see cref="LinkFrameTap"/> recording every frame that crosses it.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private RecordingProxy(LinkEmulator emulator, LinkFrameTap tap)
    {
        Emulator = emulator;
        Tap = tap;
    }

    public LinkEmulator Emulator { get; }

    public LinkFrameTap Tap { get; }

    /// <summary>Where terminals connect.</summary>
    public IPEndPoint LocalEndPoint => Emulator.LocalEndPoint;

    /// <summary>Listens at once; the faults apply to the first connection already.</summary>
    /// <param name="recorder">Records frames and connection events; null records nothing (the tap's events still fire).</param>
    /// <exception cref="System.Net.Sockets.SocketException">The listening address cannot be bound.</exception>
    public static RecordingProxy Start(IPEndPoint listen, EndPoint upstream, LinkFaults faults, FrameRecorder? recorder)
    {
        ArgumentNullException.ThrowIfNull(faults);
        // The emulator accepts from its constructor on (a terminal already waiting in the backlog is taken at
        // once); the tap picks up such a connection too, and its bytes flow only after the upstream connect.
        var emulator = new LinkEmulator(upstream, TimeProvider.System, faults.NewRandom(), listen);
        faults.ApplyTo(emulator);
        return new RecordingProxy(emulator, new LinkFrameTap(emulator, recorder));
    }

    /// <summary>Stops listening and resets every open connection (their closings are still recorded).</summary>
    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Tap.Dispose();
    }
}
