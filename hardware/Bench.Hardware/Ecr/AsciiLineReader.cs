using System.Diagnostics;
using System.Text;

namespace Bench.Hardware.Ecr;

/// <summary>
/// Splits a byte stream into lines ended by LF (a CR before it is dropped), or, with
/// <paramref name="carriageReturnEndsLine"/>, by CR, LF or CR LF (terminals whose ECR port ends lines with a bare CR).
/// The timestamp is taken in the reading thread as soon as the line's end is seen, never later in a callback. Lines
/// over <paramref name="maxLineLength"/> are cut off (the rest up to the line's end is discarded) and flagged, so
/// garbage on the port cannot grow a buffer without bound. Not thread-safe: one reader per stream. Cancel with the
/// token: serial streams ignore read timeouts.
/// </summary>
public sealed class AsciiLineReader(Stream stream, int maxLineLength = EcrProtocol.MaxLineLength, bool carriageReturnEndsLine = false)
{
    private readonly byte[] buffer = new byte[512];
    private readonly List<byte> line = [];
    private int start;
    private int end;
    private bool truncated;
    // A line just ended at a CR: an LF right after it belongs to the same ending (CR LF), not to an empty line.
    private bool endedAtCarriageReturn;

    /// <summary>The next line, or null at end of stream. A final line without a line feed is returned as it is.</summary>
    public async ValueTask<TimestampedLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            for (; start < end; start++)
            {
                var value = buffer[start];
                var followsCarriageReturn = endedAtCarriageReturn;
                endedAtCarriageReturn = false;
                if (value == (byte)'\n')
                {
                    if (followsCarriageReturn) continue;
                    start++;
                    return TakeLine(Stopwatch.GetTimestamp());
                }
                if (value == (byte)'\r' && carriageReturnEndsLine)
                {
                    start++;
                    endedAtCarriageReturn = true;
                    return TakeLine(Stopwatch.GetTimestamp());
                }
                if (line.Count < maxLineLength + 1) line.Add(value);
                else truncated = true;
            }
            start = end = 0;
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                return line.Count > 0 || truncated ? TakeLine(Stopwatch.GetTimestamp()) : null;
            end = read;
        }
    }

    private TimestampedLine TakeLine(long timestamp)
    {
        var count = line.Count;
        if (count > 0 && line[count - 1] == (byte)'\r') count--;
        var wasTruncated = truncated || count > maxLineLength;
        // Latin-1 maps every byte to one character, so the parser can point at non-ASCII bytes.
        var text = Encoding.Latin1.GetString([.. line.Take(Math.Min(count, maxLineLength))]);
        line.Clear();
        truncated = false;
        return new TimestampedLine(text, timestamp, wasTruncated);
    }
}
