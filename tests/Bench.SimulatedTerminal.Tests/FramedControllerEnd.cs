using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>The controller's side of an STX/ETX/LRC link, byte by byte, so a test can corrupt an LRC or refuse a frame.</summary>
internal sealed class FramedControllerEnd(Stream stream)
{
    private readonly byte[] one = new byte[1];

    /// <summary>The next byte the terminal sent.</summary>
    public async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAsync(one, cancellationToken) == 0) throw new EndOfStreamException();
        return one[0];
    }

    /// <summary>The rest of a frame whose STX has been read: its text, and whether its LRC held.</summary>
    public async Task<(string Text, bool LrcGood)> ReadFrameBodyAsync(CancellationToken cancellationToken)
    {
        var text = new List<byte>();
        for (var value = await ReadByteAsync(cancellationToken); value != StxEtxLrc.EndOfText; value = await ReadByteAsync(cancellationToken))
            text.Add(value);
        var lrc = await ReadByteAsync(cancellationToken);
        return (Encoding.ASCII.GetString([.. text]), lrc == StxEtxLrc.Lrc([.. text]));
    }

    /// <summary>The next frame the terminal sent (skipping nothing: the next byte must be its STX).</summary>
    public async Task<(string Text, bool LrcGood)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var first = await ReadByteAsync(cancellationToken);
        Assert.That(first, Is.EqualTo(StxEtxLrc.StartOfText), "the terminal's next byte starts a frame");
        return await ReadFrameBodyAsync(cancellationToken);
    }

    public Task SendFrameAsync(string text, CancellationToken cancellationToken, bool corruptLrc = false)
    {
        var frame = StxEtxLrc.Frame(Encoding.ASCII.GetBytes(text));
        if (corruptLrc) frame[^1] ^= 0x5A;
        return WriteAsync(frame, cancellationToken);
    }

    public Task AcknowledgeAsync(CancellationToken cancellationToken) => WriteAsync([StxEtxLrc.Acknowledge], cancellationToken);

    public Task RefuseAsync(CancellationToken cancellationToken) => WriteAsync([StxEtxLrc.NegativeAcknowledge], cancellationToken);

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
