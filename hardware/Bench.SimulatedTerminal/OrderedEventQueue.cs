using Microsoft.Extensions.Logging;

namespace Bench.SimulatedTerminal;

/// <summary>
/// Raises events outside the locks that decided their order, still in that order. Code enqueues a
/// notification while it holds the lock that orders it and calls <see cref="RaisePending"/> once it
/// has let go, so no subscriber ever runs under the terminal's lock. One thread raises at a time: a
/// thread that finds another raising leaves its notifications to it (they follow in order), which
/// also keeps a handler that causes another event from recursing. A handler that throws is logged;
/// the rest are still raised.
/// </summary>
internal sealed class OrderedEventQueue(ILogger logger)
{
    private readonly Lock gate = new();
    private readonly Queue<Action> pending = new();
    private bool raising;

    public void Enqueue(Action notification)
    {
        lock (gate) pending.Enqueue(notification);
    }

    public void RaisePending()
    {
        lock (gate)
        {
            if (raising) return;
            raising = true;
        }
        while (true)
        {
            Action? next;
            lock (gate)
            {
                if (!pending.TryDequeue(out next))
                {
                    raising = false;
                    return;
                }
            }
            try
            {
                next();
            }
            catch (Exception exception)
            {
                // A subscriber's bug must not reach the firmware that made the change.
                logger.LogError(exception, "terminal event handler failed");
            }
        }
    }
}
