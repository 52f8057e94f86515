using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Everything an action may use for one request: the request, who sent it and when, the
/// authorizer (builds replies, books the ledger), the reply channel and the host's clock.
/// Actions that inject faults derive a new context with a wrapped <see cref="Replies"/>.
/// </summary>
public sealed record HostActionContext(
    IsoMessage Request,
    string ConnectionId,
    long ReceivedNanoseconds,
    Authorizer Authorizer,
    IReplyChannel Replies,
    TimeProvider Clock)
{
    /// <summary>The host's terminal connections, for a late reply on the terminal's next connection.</summary>
    internal TerminalConnections? Terminals { get; init; }

    /// <summary>Verify the request's MAC before acting on it; off for a terminal whose keys the lab does not hold.</summary>
    public bool MacCheck { get; init; } = true;

    /// <summary>Which reception of this request it is (1 = the first): see <see cref="RequestOccurrences"/>.</summary>
    public int Occurrence { get; init; } = 1;
}
