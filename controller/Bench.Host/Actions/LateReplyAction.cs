namespace Bench.Host;

/// <summary>
/// Runs <see cref="Then"/> at once (booking included) and sends its reply <see cref="After"/> later
/// on the host's clock: on the same connection, or on the terminal's next one, where it arrives
/// before the reply to the new request (DESIGN.md §6: a late 0210 matched to the next transaction).
/// </summary>
public sealed record LateReplyAction : HostAction
{
    public LateReplyAction(TimeSpan after, LateReplyConnection connection, HostAction then)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(after, TimerLimit.Longest);
        if (!Enum.IsDefined(connection)) throw new ArgumentOutOfRangeException(nameof(connection), connection, "same or next");
        After = after;
        Connection = connection;
        Then = then ?? throw new ArgumentNullException(nameof(then));
    }

    public TimeSpan After { get; }
    public LateReplyConnection Connection { get; }
    public HostAction Then { get; }

    public override string Kind => "lateReply";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken)
    {
        IReplyChannel late = Connection == LateReplyConnection.Same
            ? new DelayedReplyChannel(context.Replies, After, context.Clock)
            : new NextConnectionReplyChannel(
                context.Terminals ?? throw new InvalidOperationException("a late reply on the next connection needs the host's terminal connections"),
                context.Request.TerminalId ?? throw new InvalidOperationException("a late reply on the next connection needs the request's terminal id (field 41)"),
                context.ConnectionId, After);
        return Then.ExecuteAsync(context with { Replies = late }, cancellationToken);
    }

    public override string ToString() =>
        $"{Kind} after {After.TotalSeconds:0.###} s on the {(Connection == LateReplyConnection.Same ? "same" : "next")} connection, then {Then}";
}
