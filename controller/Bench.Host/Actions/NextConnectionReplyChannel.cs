using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Hands each reply to the host's <see cref="TerminalConnections"/>, which sends it <paramref name="after"/>
/// later on the terminal's next connection. Returns at once: the request's own connection owes
/// nothing and may close meanwhile.
/// </summary>
internal sealed class NextConnectionReplyChannel(
    TerminalConnections terminals, string terminalId, string originConnectionId, TimeSpan after) : IReplyChannel
{
    public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken)
    {
        terminals.Schedule(terminalId, new ParkedReply(originConnectionId, reply, null), after);
        return ValueTask.CompletedTask;
    }

    public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken)
    {
        terminals.Schedule(terminalId, new ParkedReply(originConnectionId, reply, segmentation), after);
        return ValueTask.CompletedTask;
    }
}
