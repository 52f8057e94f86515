using System.Diagnostics;
using System.Text;
using Bench.Codec;
using Microsoft.Extensions.Logging;

namespace Bench.Hardware.Ecr;

/// <summary>
/// Messages in STX … ETX + LRC frames (<see cref="StxEtxLrc"/>). Received frames are answered ACK when their
/// LRC holds and NAK when it does not (the terminal sends again; the bad frame is dropped and logged). A sent
/// frame waits for the terminal's ACK: after a NAK, or no answer within the acknowledge timeout (on the
/// injected <see cref="TimeProvider"/>), it is sent again, up to the dialect's attempts; then the send fails
/// with <see cref="EcrProtocolException"/>. Bytes outside a frame other than ACK/NAK are noise and skipped.
/// The controller and the simulated terminal both use it: the link layer is the same at either end.
/// </summary>
/// <param name="listening">
/// False while this end is deaf (a terminal without power): a frame that arrives then is dropped unanswered, as a
/// powered-off terminal's would be. Null: always listening.
/// </param>
public sealed class StxEtxLrcTransport(Stream port, ScriptedEcrDialect dialect, TimeProvider time, ILogger logger, Func<bool>? listening = null)
    : IEcrMessageTransport
{
    private readonly byte[] buffer = new byte[512];
    private readonly List<byte> frame = [];
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly Lock gate = new();
    private TaskCompletionSource<byte>? answer;
    private ReceiveState state;
    private int start;
    private int end;

    private enum ReceiveState
    {
        BetweenFrames,
        InFrame,
        AwaitingLrc,
    }

    public async ValueTask<TimestampedLine?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            for (; start < end; start++)
            {
                var value = buffer[start];
                if (await TakeAsync(value, cancellationToken) is { } message)
                {
                    start++;
                    return message;
                }
            }
            start = end = 0;
            var read = await port.ReadAsync(buffer, cancellationToken);
            if (read == 0) return null;
            end = read;
        }
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = StxEtxLrc.Frame(Encoding.ASCII.GetBytes(text));
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            string last = "";
            for (var attempt = 1; attempt <= dialect.SendAttempts; attempt++)
            {
                var reply = new TaskCompletionSource<byte>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (gate) answer = reply;
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // The timer starts before the bytes leave, so whoever sees them can already move the clock past it.
                var expiry = Task.Delay(dialect.AcknowledgeTimeout, time, timer.Token);
                await WriteAsync(bytes, cancellationToken);
                var first = await Task.WhenAny(reply.Task, expiry);
                await timer.CancelAsync();
                lock (gate) answer = null;
                cancellationToken.ThrowIfCancellationRequested();
                if (first == reply.Task && reply.Task.Result == StxEtxLrc.Acknowledge) return;
                last = first == reply.Task ? "NAK" : $"no ACK within {dialect.AcknowledgeTimeout.TotalMilliseconds:0} ms";
                logger.LogWarning("ECR frame '{Text}' attempt {Attempt}/{Attempts}: {Answer}", PanMask.MaskText(text), attempt, dialect.SendAttempts, last);
            }
            throw new EcrProtocolException(
                $"the terminal did not acknowledge '{PanMask.MaskText(text)}' after {dialect.SendAttempts} attempts (last: {last})");
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async ValueTask<TimestampedLine?> TakeAsync(byte value, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case ReceiveState.BetweenFrames when value == StxEtxLrc.StartOfText:
                frame.Clear();
                state = ReceiveState.InFrame;
                return null;
            case ReceiveState.BetweenFrames when value is StxEtxLrc.Acknowledge or StxEtxLrc.NegativeAcknowledge:
                TaskCompletionSource<byte>? waiting;
                lock (gate) waiting = answer;
                if (waiting is null) logger.LogDebug("ECR < stray {Answer}", value == StxEtxLrc.Acknowledge ? "ACK" : "NAK");
                waiting?.TrySetResult(value);
                return null;
            case ReceiveState.BetweenFrames:
                return null;
            case ReceiveState.InFrame when value == StxEtxLrc.EndOfText:
                state = ReceiveState.AwaitingLrc;
                return null;
            case ReceiveState.InFrame when value == StxEtxLrc.StartOfText:
                // A new frame began before the old one ended: the old one is lost, the terminal will send it again.
                logger.LogWarning("ECR < frame cut off by a new STX after {Count} bytes", frame.Count);
                frame.Clear();
                return null;
            case ReceiveState.InFrame:
                if (frame.Count < EcrProtocol.MaxLineLength) frame.Add(value);
                else
                {
                    logger.LogWarning("ECR < frame longer than {Maximum} bytes: NAK", EcrProtocol.MaxLineLength);
                    state = ReceiveState.BetweenFrames;
                    await WriteAsync([StxEtxLrc.NegativeAcknowledge], cancellationToken);
                }
                return null;
            default:
                var timestamp = Stopwatch.GetTimestamp();
                state = ReceiveState.BetweenFrames;
                byte[] text = [.. frame];
                if (listening?.Invoke() == false) return null;
                var expected = StxEtxLrc.Lrc(text);
                if (value != expected)
                {
                    logger.LogWarning("ECR < frame '{Text}' with LRC {Got:X2}, expected {Expected:X2}: NAK",
                        PanMask.MaskText(Encoding.Latin1.GetString(text)), value, expected);
                    await WriteAsync([StxEtxLrc.NegativeAcknowledge], cancellationToken);
                    return null;
                }
                await WriteAsync([StxEtxLrc.Acknowledge], cancellationToken);
                return new TimestampedLine(Encoding.Latin1.GetString(text), timestamp, Truncated: false);
        }
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await port.WriteAsync(bytes, cancellationToken);
            await port.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
