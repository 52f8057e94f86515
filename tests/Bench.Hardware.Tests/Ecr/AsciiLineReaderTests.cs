using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.Hardware.Tests.Ecr;

public sealed class AsciiLineReaderTests
{
    [Test]
    public async Task By_default_a_line_ends_at_LF_and_a_CR_inside_a_line_is_kept()
    {
        var lines = await ReadAllAsync(new AsciiLineReader(Chunks("A\r\nB\rC\n")));

        Assert.That(lines, Is.EqualTo(new[] { "A", "B\rC" }));
    }

    [Test]
    public async Task With_carriage_returns_a_line_ends_at_CR_at_LF_or_at_CR_LF_even_split_across_reads()
    {
        var lines = await ReadAllAsync(new AsciiLineReader(Chunks("A\r", "\nB\r", "C\r\n", "\n", "D\n"), carriageReturnEndsLine: true));

        // "C\r\n" then "\n": the CR LF ends C, the lone LF after it ends an empty line.
        Assert.That(lines, Is.EqualTo(new[] { "A", "B", "C", "", "D" }));
    }

    [Test]
    public async Task With_carriage_returns_a_long_line_is_cut_at_the_limit_and_flagged()
    {
        var reader = new AsciiLineReader(Chunks(new string('x', 20) + "\rOK\r"), maxLineLength: 8, carriageReturnEndsLine: true);

        var first = await reader.ReadLineAsync(CancellationToken.None);
        var second = await reader.ReadLineAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Text, Is.EqualTo(new string('x', 8)));
            Assert.That(first.Truncated, Is.True);
            Assert.That(second!.Text, Is.EqualTo("OK"));
            Assert.That(second.Truncated, Is.False);
        });
    }

    private static async Task<List<string>> ReadAllAsync(AsciiLineReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line) lines.Add(line.Text);
        return lines;
    }

    /// <summary>A stream whose every read returns the next chunk, as a serial port hands over what has arrived.</summary>
    private static Stream Chunks(params string[] chunks) => new ChunkedStream(chunks.Select(Encoding.ASCII.GetBytes).ToList());

    private sealed class ChunkedStream(List<byte[]> chunks) : Stream
    {
        private int next;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (next == chunks.Count) return 0;
            var chunk = chunks[next++];
            Assert.That(buffer.Length, Is.GreaterThanOrEqualTo(chunk.Length), "test chunks fit the reader's buffer");
            chunk.CopyTo(buffer);
            return chunk.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
