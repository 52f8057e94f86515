using Bench.Codec;

namespace Bench.SimulatedTerminal;

/// <summary>How a wait for the host's reply ended: the matching reply, the response timer, or a dead connection.</summary>
internal sealed record HostReply(HostReply.Ending End, IsoMessage? Message = null)
{
    public enum Ending
    {
        Received,
        TimedOut,
        ConnectionLost,
    }

    public static HostReply TimedOut { get; } = new(Ending.TimedOut);
    public static HostReply ConnectionLost { get; } = new(Ending.ConnectionLost);
}
