using System.Text;

namespace Bench.Hardware.Ecr;

/// <summary>Messages as text lines: received up to LF (a CR before it dropped), sent with the dialect's line ending.</summary>
public sealed class LineTransport(Stream port, string lineEnding) : IEcrMessageTransport
{
    private readonly AsciiLineReader reader = new(port);
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
