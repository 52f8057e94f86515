using System.Text;

namespace Bench.Hardware.Ecr;

/// <summary>
/// Messages as text lines, sent with the dialect's line ending and received up to LF (a CR before it dropped), or,
/// for a bare-CR dialect, up to each CR.
/// </summary>
public sealed class LineTransport(Stream port, string lineEnding) : IEcrMessageTransport
{
    // A terminal that ends its lines with a bare CR is read up to each CR; otherwise up to LF, as the bench's protocol.
    private readonly AsciiLineReader reader = new(port, carriageReturnEndsLine: lineEnding == "\r");
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public ValueTask<TimestampedLine?> ReceiveAsync(CancellationToken cancellationToken) => reader.ReadLineAsync(cancellationToken);

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(text + lineEnding);
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await port.WriteAsync(bytes, cancellationToken);
            await port.FlushAsync(cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
