using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Where an action sends its reply. The connection is the plain channel; faults wrap it
/// (a delay today; a splitter, duplicator or MAC corrupter can wrap it the same way).
/// </summary>
public interface IReplyChannel
{
    ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken);
}
