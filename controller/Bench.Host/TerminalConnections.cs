namespace Bench.Host;

/// <summary>
/// Which connection each terminal (field 41) last sent a request over, and the late replies meant
/// for a terminal's next connection: each waits out its delay on the host's clock, then goes to
/// the terminal's latest connection if that is not the one its request came on, or is parked until
/// the terminal sends a request over another connection. Thread-safe; one per host.
/// </summary>
internal sealed class TerminalConnections(TimeProvider clock) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HostConnection> latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ParkedReply>> parked = new(StringComparer.Ordinal);
    private readonly HashSet<ITimer> timers = [];
    private bool disposed;

    /// <summary>How many late replies wait for a terminal's next connection.</summary>
    public int ParkedReplies
    {
        get { lock (gate) return parked.Values.Sum(waiting => waiting.Count); }
    }

    /// <summary>Sends <paramref name="reply"/> to the terminal's next connection once <paramref name="after"/> has passed.</summary>
    public void Schedule(string terminalId, ParkedReply reply, TimeSpan after)
    {
        if (after <= TimeSpan.Zero)
        {
            Deliver(terminalId, reply);
            return;
        }
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            ITimer? timer = null;
            // Armed at creation, so whoever watches the clock sees the due time at once; the callback
            // takes the lock, so it cannot find its timer missing even if it fires before the Add below.
            timer = clock.CreateTimer(_ =>
            {
                lock (gate)
                {
                    if (!timers.Remove(timer!)) return;
                }
                timer!.Dispose();
                Deliver(terminalId, reply);
            }, null, after, Timeout.InfiniteTimeSpan);
            timers.Add(timer);
        }
    }

    /// <summary>
    /// A request from <paramref name="terminalId"/> arrived on <paramref name="connection"/>: it becomes the
    /// terminal's latest, and the late replies parked for it (from other connections) go out on it first.
    /// </summary>
    public void RequestSeen(string terminalId, HostConnection connection)
    {
        List<ParkedReply> due;
        lock (gate)
        {
            latest[terminalId] = connection;
            if (!parked.TryGetValue(terminalId, out var waiting)) return;
            due = waiting.FindAll(reply => reply.OriginConnectionId != connection.Id);
            waiting.RemoveAll(reply => reply.OriginConnectionId != connection.Id);
            if (waiting.Count == 0) parked.Remove(terminalId);
        }
        foreach (var reply in due)
            if (!connection.SendLate(reply)) Park(terminalId, reply);
    }

    /// <summary>The connection closed: it is no terminal's latest any more.</summary>
    public void ConnectionClosed(HostConnection connection)
    {
        lock (gate)
        {
            foreach (var terminal in latest.Where(entry => entry.Value == connection).Select(entry => entry.Key).ToList())
                latest.Remove(terminal);
        }
    }

    /// <summary>Cancels the late replies still waiting out their delay and forgets the parked ones: the host is stopping.</summary>
    public void Dispose()
    {
        List<ITimer> pending;
        lock (gate)
        {
            disposed = true;
            pending = [.. timers];
            timers.Clear();
            parked.Clear();
            latest.Clear();
        }
        foreach (var timer in pending) timer.Dispose();
    }

    private void Deliver(string terminalId, ParkedReply reply)
    {
        HostConnection? target;
        lock (gate)
        {
            if (disposed) return;
            target = latest.TryGetValue(terminalId, out var current) && current.Id != reply.OriginConnectionId ? current : null;
        }
        if (target is null || !target.SendLate(reply)) Park(terminalId, reply);
    }

    private void Park(string terminalId, ParkedReply reply)
    {
        lock (gate)
        {
            if (disposed) return;
            if (!parked.TryGetValue(terminalId, out var waiting)) parked[terminalId] = waiting = [];
            waiting.Add(reply);
        }
    }
}
