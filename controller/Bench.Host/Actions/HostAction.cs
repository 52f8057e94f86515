namespace Bench.Host;

/// <summary>
/// What the host does with a request a rule matched. Each action decides the booking (approve
/// books, decline does not) and the delivery (send, hold, drop). New host faults (DESIGN.md §7)
/// are new subclasses, usually wrapping <see cref="HostActionContext.Replies"/>.
/// </summary>
public abstract record HostAction
{
    /// <summary>The YAML name of the action, e.g. "approve".</summary>
    public abstract string Kind { get; }

    /// <summary>Runs the action. Completes synchronously on the common path (approve, decline) so the read loop stays fast.</summary>
    public abstract ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken);
}
