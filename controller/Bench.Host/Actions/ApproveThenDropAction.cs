namespace Bench.Host;

/// <summary>
/// The dangerous case of DESIGN.md §1: the host approves and debits, but the reply never leaves.
/// A correct terminal times out and reverses; a broken one loses the customer's money.
/// </summary>
public sealed record ApproveThenDropAction : HostAction
{
    public static ApproveThenDropAction Instance { get; } = new();

    public override string Kind => "approveThenDrop";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken)
    {
        context.Authorizer.Approve(context);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Kind;
}
