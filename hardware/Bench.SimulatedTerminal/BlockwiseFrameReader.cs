using System.Diagnostics;
using Bench.Codec;

namespace Bench.SimulatedTerminal;

/// <summary>
/// The receive loop of a firmware with <see cref="Bench.Hardware.FirmwareBugs.ReadLoopTruncatesSplitReply"/>:
/// it reads the link in 64-byte blocks (its driver's FIFO size) and takes the first block shorter than that
/// as the end of the message, never looking at the length prefix. A reply that arrives in one piece works,
/// which is why the bug survives the lab; a reply split into small segments is cut at the first one (and the
/// rest is read as further garbled messages), and a reply whose length is a multiple of 64 ends on a full block,
/// so the loop waits for a short one that never comes.
/// </summary>
internal sealed class BlockwiseFrameReader(Stream stream)
{
    public const int BlockSize = 64;

    private readonly byte[] block = new byte[BlockSize];

    /// <summary>The next "frame" as this firmware sees it, or null once the stream has ended.</summary>
    public async ValueTask<ReceivedFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var message = new MemoryStream();
        while (true)
        {
            var read = await stream.ReadAsync(block, cancellationToken);
            if (read == 0) return null;
            message.Write(block, 0, read);
            if (read < BlockSize) break;
        }
        // The first two bytes are taken as the length prefix and skipped unchecked.
        var bytes = message.ToArray();
        var body = bytes.Length > Framing.PrefixLength ? bytes[Framing.PrefixLength..] : [];
        return new ReceivedFrame(body, Stopwatch.GetTimestamp());
    }
}
