using System.Threading.Channels;

namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// One direction of a connected call: bytes leave the sending modem back to back, one every
/// <c>byteTime</c> (10 bits at the line rate), and reach the receiving modem when their last bit has.
/// Times are on the call's <see cref="PhoneCall.UpTime"/>, so the wire stands still while a line is cut.
/// </summary>
/// <remarks>
/// The pump does not wait once per byte: it computes each byte's arrival on the wire clock and hands over
/// every byte that has arrived in one write, so timer granularity (a scaled clock's 1 ms floor) delays a
/// delivery a little but never accumulates into a slower line.
/// </remarks>
internal sealed class WireDirection
{
    private readonly PhoneCall call;
    private readonly SimulatedHayesModem receiver;
    private readonly TimeSpan byteTime;
    private readonly TimeProvider time;
    private readonly CancellationToken flowing;
    private readonly Channel<byte[]> sent = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<byte> onWire = new();
    private readonly Lock gate = new();
    private int queuedBytes;
    private TaskCompletionSource idle = NewSignal(completed: true);

    public WireDirection(PhoneCall call, SimulatedHayesModem receiver, TimeSpan byteTime, TimeProvider time, CancellationToken flowing)
    {
        this.call = call;
        this.receiver = receiver;
        this.byteTime = byteTime;
        this.time = time;
        this.flowing = flowing;
        _ = PumpAsync();
    }

    public void Enqueue(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || flowing.IsCancellationRequested) return;
        lock (gate)
        {
            if (queuedBytes == 0) idle = NewSignal(completed: false);
            queuedBytes += data.Length;
        }
        sent.Writer.TryWrite(data.ToArray());
    }

    /// <summary>Completes when nothing queued is left to deliver, or the call stopped carrying data.</summary>
    public Task DrainAsync()
    {
        lock (gate) return flowing.IsCancellationRequested ? Task.CompletedTask : idle.Task;
    }

    private async Task PumpAsync()
    {
        // Wire time at which the transmitter is free again, and at which the head byte has fully arrived.
        var transmitterFree = TimeSpan.Zero;
        var headArrives = TimeSpan.Zero;
        try
        {
            while (true)
            {
                while (sent.Reader.TryRead(out var chunk)) Schedule(chunk, ref headArrives, transmitterFree);
                if (onWire.Count == 0)
                {
                    Schedule(await sent.Reader.ReadAsync(flowing), ref headArrives, transmitterFree);
                    continue;
                }

                var now = call.UpTime();
                if (headArrives <= now)
                {
                    var arrived = (int)Math.Min(onWire.Count, 1 + (now - headArrives).Ticks / byteTime.Ticks);
                    var bytes = new byte[arrived];
                    for (var index = 0; index < arrived; index++) bytes[index] = onWire.Dequeue();
                    transmitterFree = headArrives + byteTime * (arrived - 1);
                    headArrives = transmitterFree + byteTime;
                    receiver.DeliverFromWire(call, bytes);
                    Delivered(arrived);
                    continue;
                }

                var linesUp = call.WhenLinesUp();
                if (!linesUp.IsCompleted)
                {
                    // A cut: the wire clock stands still until both lines are back (or the call ends).
                    await linesUp.WaitAsync(flowing);
                    continue;
                }
                await Task.Delay(headArrives - now, time, flowing);
            }
        }
        catch (OperationCanceledException)
        {
            // The call stopped carrying data: whatever is still on the wire is lost with the carrier.
        }
        lock (gate) idle.TrySetResult();
    }

    private void Schedule(byte[] chunk, ref TimeSpan headArrives, TimeSpan transmitterFree)
    {
        if (onWire.Count == 0)
        {
            // An idle transmitter starts now; a busy one right after its last byte.
            var start = transmitterFree > call.UpTime() ? transmitterFree : call.UpTime();
            headArrives = start + byteTime;
        }
        foreach (var b in chunk) onWire.Enqueue(b);
    }

    private void Delivered(int count)
    {
        lock (gate)
        {
            queuedBytes -= count;
            if (queuedBytes == 0) idle.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) signal.TrySetResult();
        return signal;
    }
}
