namespace Bench.Host;

/// <summary>
/// Runs <see cref="Then"/> (booking as it does) but damages the reply's MAC after signing
/// (DESIGN.md §6: a terminal that ignores the MAC check and sends no A0 reversal).
/// </summary>
public sealed record CorruptMacAction(HostAction Then) : HostAction
{
    public HostAction Then { get; init; } = Then ?? throw new ArgumentNullException(nameof(Then));

    public override string Kind => "corruptMac";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Then.ExecuteAsync(context with { Replies = new MacCorruptingReplyChannel(context.Replies, reply => Record(context, reply)) }, cancellationToken);

    private static void Record(HostActionContext context, Bench.Codec.IsoMessage reply) =>
        context.Authorizer.Ledger.RecordReplyMacCorrupted(
            RequestCheck.RecordKey(context.Request), reply.Mti, context.ReceivedNanoseconds, context.ConnectionId);

    public override string ToString() => $"{Kind}, then {Then}";
}
