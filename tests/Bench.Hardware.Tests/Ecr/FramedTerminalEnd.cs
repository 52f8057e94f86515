using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.Hardware.Tests.Ecr;

/// <summary>The terminal's side of an STX/ETX/LRC link, byte by byte, so a test can corrupt an LRC or withhold an ACK.</summary>
internal sealed class FramedTerminalEnd(Stream stream)
{
    private readonly byte[] one = new byte[1];

    /// <summary>The next byte the controller sent.</summary>
    public async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAsync(one, cancellationToken) == 0) throw new EndOfStreamException();
        return one[0];
    }

    /// <summary>The next frame the controller sent: its text, and whether its LRC held.</summary>
    public async Task<(string Text, bool LrcGood)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (await ReadByteAsync(cancellationToken) != StxEtxLrc.StartOfText) { }
        var text = new List<byte>();
        for (var value = await ReadByteAsync(cancellationToken); value != StxEtxLrc.EndOfText; value = await ReadByteAsync(cancellationToken))
            text.Add(value);
        var lrc = await ReadByteAsync(cancellationToken);
        return (Encoding.ASCII.GetString([.. text]), lrc == StxEtxLrc.Lrc([.. text]));
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
