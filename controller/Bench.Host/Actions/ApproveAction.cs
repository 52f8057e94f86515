namespace Bench.Host;

/// <summary>Approves: books the ledger and sends the approval at once.</summary>
public sealed record ApproveAction : HostAction
{
    public static ApproveAction Instance { get; } = new();

    public override string Kind => "approve";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        context.Replies.SendAsync(context.Authorizer.Approve(context), cancellationToken);

    public override string ToString() => Kind;
}
