namespace Bench.Host;

/// <summary>Runs <see cref="Then"/> once (one booking) but sends its reply <see cref="Copies"/> times, <see cref="Interval"/> apart.</summary>
public sealed record DuplicateReplyAction : HostAction
{
    public const int MaximumCopies = 100;

    public DuplicateReplyAction(int copies, TimeSpan interval, HostAction then)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(copies, MaximumCopies);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, TimerLimit.Longest);
        Copies = copies;
        Interval = interval;
        Then = then ?? throw new ArgumentNullException(nameof(then));
    }

    /// <summary>How many times the reply is sent in all (2 or more).</summary>
    public int Copies { get; }
    public TimeSpan Interval { get; }
    public HostAction Then { get; }

    public override string Kind => "duplicateReply";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Then.ExecuteAsync(context with { Replies = new DuplicatingReplyChannel(context.Replies, Copies, Interval, context.Clock) }, cancellationToken);

    public override string ToString() => $"{Kind} ×{Copies}, {Interval.TotalSeconds:0.###} s apart, then {Then}";
}
