using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Loses the 0410: a reversal is booked but never answered (DESIGN.md §6: a terminal that retries a
/// lost 0410 with a new STAN, or a host that would reverse twice). Any other request goes to <see cref="Then"/>.
/// </summary>
public sealed record DropReversalReplyAction(HostAction Then) : HostAction
{
    public HostAction Then { get; init; } = Then ?? throw new ArgumentNullException(nameof(Then));

    public override string Kind => "dropReversalReply";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Mti != MessageTypes.ReversalRequest) return Then.ExecuteAsync(context, cancellationToken);
        context.Authorizer.Approve(context);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Kind}, other requests {Then}";
}
