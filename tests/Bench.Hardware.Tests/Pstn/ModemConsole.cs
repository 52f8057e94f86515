using System.Text;

namespace Bench.Hardware.Tests.Pstn;

/// <summary>
/// A raw view of a modem's serial port for AT dialogue tests: everything the modem sends is kept as text
/// (Latin-1, so every byte maps to one character) and tests wait for a piece of it to appear.
/// </summary>
internal sealed class ModemConsole : IAsyncDisposable
{
    private readonly Stream port;
    private readonly StringBuilder received = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task readLoop;
    private TaskCompletionSource arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModemConsole(Stream port)
    {
        this.port = port;
        readLoop = Task.Run(ReadLoopAsync);
    }

    public string Text
    {
        get { lock (received) return received.ToString(); }
    }

    /// <summary>How much has arrived; a mark for <see cref="WaitForAsync"/>.</summary>
    public int Length
    {
        get { lock (received) return received.Length; }
    }

    public async Task SendAsync(string text)
    {
        await port.WriteAsync(Encoding.Latin1.GetBytes(text));
        await port.FlushAsync();
    }

    /// <summary>Sends a command line and waits for its final result word, returning what arrived after the command.</summary>
    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken, params string[] finals)
    {
        var mark = Length;
        await SendAsync(command + "\r");
        string[] words = finals.Length == 0 ? ["OK", "ERROR"] : finals;
        return await WaitForAnyAsync(words.Select(word => "\r\n" + word + "\r\n").ToArray(), mark, cancellationToken);
    }

    /// <summary>Waits until one of <paramref name="pieces"/> has arrived after <paramref name="mark"/>; returns the text since the mark.</summary>
    public async Task<string> WaitForAnyAsync(string[] pieces, int mark, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (received)
            {
                var text = received.ToString(mark, received.Length - mark);
                if (pieces.Any(piece => text.Contains(piece, StringComparison.Ordinal))) return text;
                next = arrival.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    public Task<string> WaitForAsync(string piece, int mark, CancellationToken cancellationToken) =>
        WaitForAnyAsync([piece], mark, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try { await readLoop; } catch (Exception) { }
        stopping.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[512];
        while (!stopping.IsCancellationRequested)
        {
            var read = await port.ReadAsync(buffer, stopping.Token);
            if (read == 0) return;
            lock (received)
            {
                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                arrival.TrySetResult();
                arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
