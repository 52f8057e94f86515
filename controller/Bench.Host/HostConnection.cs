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
    private volatile bool closing;

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

        // No late reply may pick this connection any more; one already handed over is settled below.
        host.Terminals.ConnectionClosed(this);
        // Clean end of stream: replies still on their way may go out on our half of the socket.
        if (closeReason == "peer closed")
            await WhenPendingActionsDone().ConfigureAwait(false);
        closing = true;
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

    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) =>
        WriteAsync(reply, null, cancellationToken);

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) =>
        WriteAsync(reply, segmentation, cancellationToken);

    /// <summary>
    /// Sends a late reply meant for this terminal's next connection, tracked like an action's reply.
    /// False when this connection is closing: the caller keeps the reply for the next one.
    /// </summary>
    internal bool SendLate(ParkedReply reply)
    {
        if (closing) return false;
        CancellationToken token;
        try
        {
            token = lifetime.Token;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        Settle(reply.SendAsync(this, token), reply.Reply);
        return true;
    }

    /// <summary>Writes the reply's frame whole, or in segments with pauses on the host's clock; the frame is recorded as sent before its first byte leaves.</summary>
    private async ValueTask WriteAsync(IsoMessage reply, ReplySegmentation? segmentation, CancellationToken cancellationToken)
    {
        var frame = IsoCodec.Cup.EncodeFrame(reply);
        // Held through every segment: another reply's bytes must never land inside this frame.
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Stamped in this thread just before the bytes go to the socket (DESIGN.md §8), and recorded
            // and raised before the write: once the peer can read the reply, the Sent frame is already
            // on the timeline, so nobody who saw the reply can miss the frame. A write that then fails
            // reaches ObserveAsync, which records reply-not-delivered after this frame.
            var timestamp = Stopwatch.GetTimestamp();
            host.OnFrame(new FrameRecord(MonotonicTime.ToNanoseconds(timestamp), Id, FrameDirection.Sent, frame[Framing.PrefixLength..], reply));
            if (segmentation is null)
            {
                await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                return;
            }
            for (var offset = 0; offset < frame.Length; offset += segmentation.SegmentBytes)
            {
                if (offset > 0 && segmentation.Gap > TimeSpan.Zero)
                    await Task.Delay(segmentation.Gap, host.Clock, cancellationToken).ConfigureAwait(false);
                var length = Math.Min(segmentation.SegmentBytes, frame.Length - offset);
                await stream.WriteAsync(frame.AsMemory(offset, length), cancellationToken).ConfigureAwait(false);
            }
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

        // A late reply waiting for this terminal's next connection goes out before this request's own.
        if (request.TerminalId is { } terminalId) host.Terminals.RequestSeen(terminalId, this);

        var rules = host.Rules;
        var occurrence = host.Occurrences.Count(request);
        var (_, action) = rules.Select(request, occurrence);
        var context = new HostActionContext(request, Id, timestamp, host.Authorizer, this, host.Clock)
        {
            Terminals = host.Terminals,
            MacCheck = rules.MacCheck.AppliesTo(request.TerminalId),
            Occurrence = occurrence,
        };
        var workers = host.CurrentWorkers();
        ValueTask execution;
        try
        {
            execution = workers is null ? action.ExecuteAsync(context, lifetime.Token) : ServeThenActAsync(workers, action, context);
        }
        catch (Exception exception)
        {
            execution = ValueTask.FromException(exception);
        }
        Settle(execution, request);
        return true;
    }

    /// <summary>With a limited capacity, the request queues for a worker and is served before its action books and replies.</summary>
    private async ValueTask ServeThenActAsync(AuthorizationWorkers workers, HostAction action, HostActionContext context)
    {
        await workers.ServeAsync(lifetime.Token).ConfigureAwait(false);
        await action.ExecuteAsync(context, lifetime.Token).ConfigureAwait(false);
    }

    /// <summary>Tracks work that did not finish at once: the peer is owed a reply still on its way, so it is not idle until that settles.</summary>
    private void Settle(ValueTask execution, IsoMessage message)
    {
        if (execution.IsCompletedSuccessfully) return;
        deadlines.ReplyPending();
        Track(ObserveAsync(execution, message));
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
