namespace Bench.Host;

/// <summary>
/// Runs <see cref="Then"/> (approve unless told otherwise) but holds its reply for
/// <see cref="Delay"/> on the host's clock. The booking happens at once, as on a real host whose
/// reply is slow on the way back: a reversal arriving during the delay finds the debit.
/// </summary>
public sealed record DelayAction(TimeSpan Delay, HostAction Then) : HostAction
{
    public override string Kind => "delay";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Then.ExecuteAsync(context with { Replies = new DelayedReplyChannel(context.Replies, Delay, context.Clock) }, cancellationToken);

    public override string ToString() => $"{Kind} {Delay.TotalSeconds:0.###} s, then {Then}";
}
