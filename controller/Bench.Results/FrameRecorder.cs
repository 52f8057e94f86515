using System.Threading.Channels;

namespace Bench.Results;

/// <summary>
/// Records frames and events without blocking their producers: each call enqueues into an
/// unbounded channel and returns; one background writer commits what has queued up in a single
/// transaction at least every <see cref="FrameRecorderOptions.BatchWindow"/>. <see cref="FlushAsync"/>
/// and <see cref="DisposeAsync"/> drain everything enqueued before them. Thread-safe.
/// </summary>
public sealed class FrameRecorder : IAsyncDisposable
{
    private readonly ResultsStore store;
    private readonly long? runId;
    private readonly FrameRecorderOptions options;
    private readonly Channel<QueuedItem> queue = Channel.CreateUnbounded<QueuedItem>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Task writer;
    private TaskCompletionSource wake = NewWake();
    private long framesWritten;
    private long eventsWritten;
    private long batchesWritten;
    private Exception? failure;

    public FrameRecorder(ResultsStore store, long? runId = null, FrameRecorderOptions? options = null)
    {
        this.store = store;
        this.runId = runId;
        this.options = options ?? new FrameRecorderOptions();
        if (this.options.BatchWindow > TimeSpan.FromMilliseconds(100) || this.options.BatchWindow < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "the batch window must be between 0 and 100 ms");
        writer = Task.Run(WriteLoopAsync);
    }

    public ResultsStore Store => store;
    public long? RunId => runId;
    public long FramesWritten => Interlocked.Read(ref framesWritten);
    public long EventsWritten => Interlocked.Read(ref eventsWritten);
    /// <summary>Transactions committed so far: far fewer than rows when batching works.</summary>
    public long BatchesWritten => Interlocked.Read(ref batchesWritten);

    /// <summary>Queues a frame; never blocks. Ignored (returns false) after disposal began.</summary>
    public bool Record(FrameRecord frame) => queue.Writer.TryWrite(new QueuedItem(frame, null, null));

    /// <summary>Queues an event; never blocks.</summary>
    public bool Record(EventRecord record) => queue.Writer.TryWrite(new QueuedItem(null, record, null));

    /// <summary>Queues a protocol error as an event of kind <see cref="EventKinds.ProtocolError"/>.</summary>
    public bool RecordProtocolError(ProtocolError error, string source = "host") =>
        Record(new EventRecord(error.TimestampNanoseconds, source, EventKinds.ProtocolError, EventDetail.Json(
            ("connection", error.ConnectionId), ("element", error.Element), ("offset", error.Offset), ("reason", error.Reason)))
        {
            ConnectionId = error.ConnectionId,
        });

    /// <summary>Completes when everything queued before the call is committed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new QueuedItem(null, null, flushed)))
            return writer.WaitAsync(cancellationToken);
        Volatile.Read(ref wake).TrySetResult();
        return flushed.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        Volatile.Read(ref wake).TrySetResult();
        await writer.ConfigureAwait(false);
        if (failure is not null) throw new InvalidOperationException("the recorder could not write to the results store", failure);
    }

    private async Task WriteLoopAsync()
    {
        var frames = new List<FrameRecord>();
        var events = new List<EventRecord>();
        var flushes = new List<TaskCompletionSource>();
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let the batch fill for the window, unless a flush or disposal wants it now.
            var currentWake = Volatile.Read(ref wake);
            if (!currentWake.Task.IsCompleted && options.BatchWindow > TimeSpan.Zero)
                await Task.WhenAny(Task.Delay(options.BatchWindow), currentWake.Task).ConfigureAwait(false);
            if (currentWake.Task.IsCompleted) Interlocked.CompareExchange(ref wake, NewWake(), currentWake);

            while (reader.TryRead(out var item))
            {
                if (item.Frame is not null) frames.Add(item.Frame);
                else if (item.Event is not null) events.Add(item.Event);
                else if (item.Flush is not null) flushes.Add(item.Flush);
                if (frames.Count + events.Count >= options.MaximumBatchSize) Commit(frames, events);
            }
            Commit(frames, events);
            foreach (var flush in flushes)
            {
                if (failure is null) flush.TrySetResult();
                else flush.TrySetException(new InvalidOperationException("the recorder could not write to the results store", failure));
            }
            flushes.Clear();
        }
    }

    private void Commit(List<FrameRecord> frames, List<EventRecord> events)
    {
        if (frames.Count == 0 && events.Count == 0) return;
        try
        {
            store.WriteBatch(frames, events, runId);
            Interlocked.Add(ref framesWritten, frames.Count);
            Interlocked.Add(ref eventsWritten, events.Count);
            Interlocked.Increment(ref batchesWritten);
        }
        catch (Exception exception)
        {
            // Keep draining so producers never block; the failure surfaces on flush and dispose.
            failure ??= exception;
        }
        frames.Clear();
        events.Clear();
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct QueuedItem(FrameRecord? Frame, EventRecord? Event, TaskCompletionSource? Flush);
}
