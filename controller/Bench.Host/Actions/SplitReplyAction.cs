namespace Bench.Host;

/// <summary>
/// Runs <see cref="Then"/> but writes its reply in small segments with a pause between them
/// (DESIGN.md §6: a read loop that truncates or hangs on a reply that arrives in pieces).
/// </summary>
public sealed record SplitReplyAction(ReplySegmentation Segmentation, HostAction Then) : HostAction
{
    public ReplySegmentation Segmentation { get; init; } = Segmentation ?? throw new ArgumentNullException(nameof(Segmentation));
    public HostAction Then { get; init; } = Then ?? throw new ArgumentNullException(nameof(Then));

    public override string Kind => "splitReply";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Then.ExecuteAsync(context with { Replies = new SegmentingReplyChannel(context.Replies, Segmentation) }, cancellationToken);

    public override string ToString() =>
        $"{Kind} {Segmentation.SegmentBytes} bytes every {Segmentation.Gap.TotalSeconds:0.###} s, then {Then}";
}
