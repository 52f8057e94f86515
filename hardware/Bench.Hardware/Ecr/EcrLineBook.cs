namespace Bench.Hardware.Ecr;

/// <summary>
/// The lines one ECR session has received, and the waits on them: a wait sees lines already kept from its mark
/// on and every later one; closing fails every pending and later wait with the reason. Thread-safe.
/// </summary>
internal sealed class EcrLineBook
{
    private readonly Lock gate = new();
    private readonly List<EcrLine> lines = [];
    private readonly List<Waiter> waiters = [];
    private EcrProtocolException? closedBecause;

    public IReadOnlyList<EcrLine> Lines
    {
        get { lock (gate) return [.. lines]; }
    }

    public int Count
    {
        get { lock (gate) return lines.Count; }
    }

    public bool IsClosed
    {
        get { lock (gate) return closedBecause is not null; }
    }

    /// <summary>Keeps <paramref name="line"/> and completes the waits it satisfies (a wait whose predicate throws fails).</summary>
    public void Add(EcrLine line)
    {
        List<(Waiter Waiter, Exception? Failure)> decided = [];
        lock (gate)
        {
            lines.Add(line);
            foreach (var waiter in waiters)
            {
                try
                {
                    if (waiter.Predicate(line)) decided.Add((waiter, null));
                }
                catch (Exception exception)
                {
                    decided.Add((waiter, exception));
                }
            }
        }
        foreach (var (waiter, failure) in decided)
        {
            if (failure is null) waiter.Completion.TrySetResult(line);
            else waiter.Completion.TrySetException(failure);
        }
    }

    public async Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, int fromIndex, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(predicate);
        lock (gate)
        {
            for (var i = Math.Max(0, fromIndex); i < lines.Count; i++)
                if (predicate(lines[i])) return lines[i];
            if (closedBecause is not null) throw Closed();
            waiters.Add(waiter);
        }
        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (gate) waiters.Remove(waiter);
        }
    }

    /// <summary>The lines from <paramref name="fromIndex"/> up to and including <paramref name="last"/>.</summary>
    public List<EcrLine> Between(int fromIndex, EcrLine last)
    {
        lock (gate)
        {
            var end = lines.IndexOf(last, fromIndex);
            return lines.GetRange(fromIndex, end - fromIndex + 1);
        }
    }

    public void Close(EcrProtocolException reason)
    {
        List<Waiter> stranded;
        lock (gate)
        {
            closedBecause ??= reason;
            stranded = [.. waiters];
        }
        foreach (var waiter in stranded) waiter.Completion.TrySetException(Closed());
    }

    // A new exception per waiter (one exception object must not be thrown on several threads), keeping the cause.
    private EcrProtocolException Closed() =>
        new(closedBecause?.Message ?? "the ECR port closed", innerException: closedBecause?.InnerException);

    private sealed class Waiter(Func<EcrLine, bool> predicate)
    {
        public Func<EcrLine, bool> Predicate { get; } = predicate;
        public TaskCompletionSource<EcrLine> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
