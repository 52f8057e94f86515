namespace Bench.Host;

/// <summary>Declines with a response code (e.g. 51 insufficient funds): nothing is booked.</summary>
public sealed record DeclineAction(string ResponseCode) : HostAction
{
    public override string Kind => "decline";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        context.Replies.SendAsync(context.Authorizer.Decline(context, ResponseCode), cancellationToken);

    public override string ToString() => $"{Kind} {ResponseCode}";
}
