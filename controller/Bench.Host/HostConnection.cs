using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Bench.Codec;
using Bench.Results;

namespace Bench.Host;

/// <summary>
/// One terminal's TCP connection: a read loop that decodes each frame, records it, asks the rule
/// set what to do and starts the action; and the reply channel those actions write to. Actions
/// that wait (a delayed reply) run alongside the loop, so a reversal can arrive meanwhile.
/// Any protocol error is recorded and closes this connection only.
/// </summary>
internal sealed class HostConnection : IReplyChannel
{
    private readonly HostSimulator host;
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly ReadDeadlineStream deadlines;
    private readonly FrameReader reader;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly CancellationTokenSource lifetime;
    private readonly ConcurrentDictionary<long, Task> pendingActions = new();
    private long nextActionId;
    private long consumedBytes;

    public HostConnection(HostSimulator host, Socket socket, string id, CancellationToken hostStopping)
    {
        this.host = host;
        this.socket = socket;
        Id = id;
        stream = new NetworkStream(socket, ownsSocket: true);
        var options = host.Options;
        deadlines = new ReadDeadlineStream(stream, options.IdleAllowance, options.FrameReadDeadline, options.DeadlineClock);
        reader = new FrameReader(deadlines, options.MaximumBodyLength);
        lifetime = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
    }

    public string Id { get; }

    public async Task RunAsync()
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        host.OnConnectionOpened(Id, remote);
        var closeReason = "peer closed";
        try
        {
            using var reads = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, deadlines.Expired);
            while (true)
            {
                deadlines.ExpectFrame(alreadyStarted: reader.BytesRead > consumedBytes);
                var frame = await reader.ReadAsync(reads.Token).ConfigureAwait(false);
                if (frame is null) break;
                consumedBytes += Framing.PrefixLength + frame.Body.Length;
                if (!Handle(frame))
                {
                    closeReason = "protocol error";
                    break;
                }
            }
        }
        catch (IsoDecodeException exception)
        {
            // The framing broke (oversize or zero length, stream ended inside a frame): no body to record.
            host.OnProtocolError(new ProtocolError(MonotonicTime.NowNanoseconds(), Id, exception.Element, exception.Offset, exception.Reason));
            closeReason = "protocol error";
        }
        catch (OperationCanceledException) when (deadlines.Expired.IsCancellationRequested && !lifetime.IsCancellationRequested)
        {
            closeReason = ReportDeadline();
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            closeReason = "host stopping";
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            closeReason = $"connection lost: {exception.Message}";
        }
        catch (Exception exception)
        {
            host.OnHostError(Id, exception);
            closeReason = "host error";
        }

        // Clean end of stream: replies still on their way may go out on our half of the socket.
        if (closeReason == "peer closed")
            await WhenPendingActionsDone().ConfigureAwait(false);
        await lifetime.CancelAsync().ConfigureAwait(false);
        await WhenPendingActionsDone().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        deadlines.Dispose();
        lifetime.Dispose();
        writeLock.Dispose();
        host.OnConnectionClosed(Id, closeReason);
    }

    /// <summary>Closes the connection now: the host is stopping.</summary>
    public void Abort()
    {
        try
        {
            lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed on its own.
        }
    }

    public async ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken)
    {
        var frame = IsoCodec.Cup.EncodeFrame(reply);
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Stamped in this thread just before the bytes go to the socket (DESIGN.md §8), and recorded
            // and raised before the write: once the peer can read the reply, the Sent frame is already
            // on the timeline, so nobody who saw the reply can miss the frame. A write that then fails
            // reaches ObserveAsync, which records reply-not-delivered after this frame.
            var timestamp = Stopwatch.GetTimestamp();
            host.OnFrame(new FrameRecord(MonotonicTime.ToNanoseconds(timestamp), Id, FrameDirection.Sent, frame[Framing.PrefixLength..], reply));
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Acts on one frame; false when the connection must close.</summary>
    private bool Handle(ReceivedFrame frame)
    {
        var timestamp = MonotonicTime.ToNanoseconds(frame.Timestamp);
        IsoMessage request;
        try
        {
            request = IsoCodec.Cup.Decode(frame.Body);
        }
        catch (IsoDecodeException exception)
        {
            host.OnFrame(new FrameRecord(timestamp, Id, FrameDirection.Received, frame.Body, null) { DecodeError = exception.Message });
            host.OnProtocolError(new ProtocolError(timestamp, Id, exception.Element, exception.Offset, exception.Reason));
            return false;
        }
        host.OnFrame(new FrameRecord(timestamp, Id, FrameDirection.Received, frame.Body, request));

        if (RequestCheck.FindProblem(request) is { } problem)
        {
            host.OnProtocolError(new ProtocolError(timestamp, Id, problem.Element, problem.Offset, problem.Reason));
            return false;
        }

        var (_, action) = host.Rules.Select(request);
        var context = new HostActionContext(request, Id, timestamp, host.Authorizer, this, host.Clock);
        ValueTask execution;
        try
        {
            execution = action.ExecuteAsync(context, lifetime.Token);
        }
        catch (Exception exception)
        {
            execution = ValueTask.FromException(exception);
        }
        if (!execution.IsCompletedSuccessfully)
        {
            // The peer is owed a reply that is still on its way: it is not idle until that settles.
            deadlines.ReplyPending();
            Track(ObserveAsync(execution, request));
        }
        return true;
    }

    private async Task ObserveAsync(ValueTask execution, IsoMessage request)
    {
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            host.OnReplyNotDelivered(Id, request, exception is OperationCanceledException ? "connection closed before the reply was written" : exception.Message);
        }
        catch (Exception exception)
        {
            host.OnHostError(Id, exception);
        }
        finally
        {
            deadlines.ReplySettled();
        }
    }

    private void Track(Task task)
    {
        var id = Interlocked.Increment(ref nextActionId);
        pendingActions[id] = task;
        task.ContinueWith(_ => pendingActions.TryRemove(id, out var _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private Task WhenPendingActionsDone() => Task.WhenAll(pendingActions.Values);

    private string ReportDeadline()
    {
        var pending = reader.BytesRead - consumedBytes;
        var options = host.Options;
        if (!deadlines.FrameStarted)
        {
            host.OnIdleTimeout(Id, options.IdleAllowance);
            return "idle";
        }
        var (element, offset) = pending < Framing.PrefixLength ? ("length", (int)pending) : ("body", (int)(pending - Framing.PrefixLength));
        host.OnProtocolError(new ProtocolError(MonotonicTime.NowNanoseconds(), Id, element, offset,
            $"frame incomplete after the read deadline of {options.FrameReadDeadline.TotalSeconds:0.###} s ({pending} bytes received)"));
        return "read deadline";
    }
}
