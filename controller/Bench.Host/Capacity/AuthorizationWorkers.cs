namespace Bench.Host;

/// <summary>
/// The live pool behind a <see cref="HostCapacity"/>: a request waits, first come first served,
/// for one of the workers, holds it for a sampled service time on the host's clock, and then its
/// action runs (booking and reply). Thread-safe.
/// </summary>
public sealed class AuthorizationWorkers
{
    private readonly Lock gate = new();
    private readonly Queue<TaskCompletionSource> waiting = new();
    private readonly Random random;
    private readonly TimeProvider clock;
    private int busy;

    public AuthorizationWorkers(HostCapacity capacity, TimeProvider clock)
    {
        Capacity = capacity ?? throw new ArgumentNullException(nameof(capacity));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        random = new Random(capacity.Seed);
    }

    public HostCapacity Capacity { get; }

    /// <summary>Requests waiting for a worker.</summary>
    public int QueueLength
    {
        get { lock (gate) return waiting.Count; }
    }

    /// <summary>Workers serving a request now.</summary>
    public int Busy
    {
        get { lock (gate) return busy; }
    }

    /// <summary>Waits for a worker, holds it for a service time, then returns; the caller acts on the request next.</summary>
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan serviceTime;
            lock (gate) serviceTime = Capacity.ServiceTime.Sample(random);
            if (serviceTime > TimeSpan.Zero) await Task.Delay(serviceTime, clock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    private Task AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (gate)
        {
            if (busy < Capacity.Workers && waiting.Count == 0)
            {
                busy++;
                return Task.CompletedTask;
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(turn);
        }
        if (!cancellationToken.CanBeCanceled) return turn.Task;
        // A cancelled waiter stays queued but can no longer take a worker: Release passes over it.
        var registration = cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken));
        return WaitAsync(turn, registration);
    }

    private async Task WaitAsync(TaskCompletionSource turn, CancellationTokenRegistration registration)
    {
        try
        {
            await turn.Task.ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands the worker to the longest waiter still waiting, or frees it.</summary>
    private void Release()
    {
        lock (gate)
        {
            while (waiting.TryDequeue(out var next))
                if (next.TrySetResult()) return;
            busy--;
        }
    }
}
