namespace Bench.Host;

/// <summary>
/// Runs <see cref="Then"/> (approve unless told otherwise) but holds its reply for
/// <see cref="Delay"/> on the host's clock. The booking happens at once, as on a real host whose
/// reply is slow on the way back: a reversal arriving during the delay finds the debit.
/// </summary>
public sealed record DelayAction(TimeSpan Delay, HostAction Then) : HostAction
{
    /// <summary>The longest wait a timer can hold (about 49.7 days).</summary>
    public static readonly TimeSpan MaximumDelay = TimerLimit.Longest;

    // Checked here, not only by the rule loader, so a bad delay fails where it is made rather than
    // inside a connection when the first reply is held.
    public TimeSpan Delay { get; init => field = Checked(value); } = Checked(Delay);

    public HostAction Then { get; init => field = value ?? throw new ArgumentNullException(nameof(Then)); } =
        Then ?? throw new ArgumentNullException(nameof(Then));

    public override string Kind => "delay";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Then.ExecuteAsync(context with { Replies = new DelayedReplyChannel(context.Replies, Delay, context.Clock) }, cancellationToken);

    public override string ToString() => $"{Kind} {Delay.TotalSeconds:0.###} s, then {Then}";

    private static TimeSpan Checked(TimeSpan delay) =>
        delay >= TimeSpan.Zero && delay <= MaximumDelay
            ? delay
            : throw new ArgumentOutOfRangeException(nameof(Delay), delay, $"a reply delay is between 0 and {MaximumDelay.TotalDays:0.#} days (an infinite delay is no-reply)");
}
