using System.Collections.Concurrent;
using Bench.Codec;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Watches the host's frames during one trial, so the trial can find its own 0200 and the matching
/// reply (<see cref="Running.SaleCorrelator"/>: terminal, amount, order) and their timestamps, which
/// the host took in the threads that moved the bytes.
/// </summary>
public sealed class HostTrafficObserver : IDisposable
{
    private readonly HostSimulator host;
    private readonly ConcurrentQueue<FrameRecord> frames = new();

    public HostTrafficObserver(HostSimulator host)
    {
        this.host = host;
        host.FrameReceived += OnFrame;
        host.FrameSent += OnFrame;
    }

    public IReadOnlyList<FrameRecord> Frames => [.. frames];

    /// <summary>The first frame of <paramref name="mti"/> and STAN in <paramref name="direction"/>, or null.</summary>
    public FrameRecord? Find(FrameDirection direction, string mti, string stan) =>
        frames.FirstOrDefault(frame => frame.Direction == direction && frame.Message is { } message
            && message.Mti == mti && message.Stan == stan);

    public void Dispose()
    {
        host.FrameReceived -= OnFrame;
        host.FrameSent -= OnFrame;
    }

    private void OnFrame(object? sender, FrameRecord frame) => frames.Enqueue(frame);
}
