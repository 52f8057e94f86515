namespace Bench.Host;

/// <summary>The request is lost at the host: nothing is booked and nothing is sent.</summary>
public sealed record NoReplyAction : HostAction
{
    public static NoReplyAction Instance { get; } = new();

    public override string Kind => "noReply";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override string ToString() => Kind;
}
