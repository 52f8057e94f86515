using System.Diagnostics;

namespace Bench.Codec;

/// <summary>
/// Reads length-prefixed frames off a byte stream (TCP or an async modem), however the peer
/// splits them. Buffered: one socket read may complete several frames; each frame is stamped
/// with the time of the read that brought its last byte, taken in the thread that read it.
/// Not thread-safe: one reader per connection.
/// </summary>
public sealed class FrameReader(Stream stream, int maxBodyLength = Framing.MaxBodyLength)
{
    private readonly byte[] buffer = new byte[Framing.PrefixLength + maxBodyLength];
    private readonly Queue<(int End, long Timestamp)> reads = new();
    private int start;
    private int end;

    /// <summary>Total bytes taken off the stream, for error offsets relative to the connection.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// The next frame, or null when the stream ends cleanly between frames. A length prefix over
    /// the maximum, a zero length, or an end of stream inside a frame raise <see cref="IsoDecodeException"/>.
    /// </summary>
    public async ValueTask<ReceivedFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(Framing.PrefixLength, cancellationToken))
        {
            if (end == start) return null;
            throw new IsoDecodeException("length", 0, $"stream ended after {end - start} of 2 length bytes");
        }
        var length = Framing.ReadPrefix(buffer.AsSpan(start));
        if (length == 0) throw new IsoDecodeException("length", 0, "zero-length frame");
        if (length > maxBodyLength)
            throw new IsoDecodeException("length", 0, $"length {length} exceeds the maximum {maxBodyLength}");
        if (!await FillAsync(Framing.PrefixLength + length, cancellationToken))
            throw new IsoDecodeException("body", end - start - Framing.PrefixLength,
                $"stream ended after {end - start - Framing.PrefixLength} of {length} body bytes");
        var frameEnd = start + Framing.PrefixLength + length;
        while (reads.Peek().End < frameEnd) reads.Dequeue(); // reads that ended before this frame did
        var body = buffer.AsSpan(start + Framing.PrefixLength, length).ToArray();
        start = frameEnd;
        return new ReceivedFrame(body, reads.Peek().Timestamp);
    }

    /// <summary>Ensures <paramref name="count"/> unread bytes are buffered; false if the stream ended first.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (end - start >= count) return true;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            for (var pending = reads.Count; pending > 0; pending--)
            {
                var (readEnd, timestamp) = reads.Dequeue();
                if (readEnd > start) reads.Enqueue((readEnd - start, timestamp)); // reads wholly consumed are dropped
            }
            end -= start;
            start = 0;
        }
        while (end < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0) return false;
            end += read;
            reads.Enqueue((end, Stopwatch.GetTimestamp()));
            BytesRead += read;
        }
        return true;
    }
}
