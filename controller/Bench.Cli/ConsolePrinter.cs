using System.Threading.Channels;

namespace Bench.Cli;

/// <summary>
/// Prints time-stamped lines from a background task, so a slow terminal window never slows the read
/// loops whose frames it shows (<c>bench host</c>, <c>bench proxy</c>).
/// </summary>
internal sealed class ConsolePrinter : IAsyncDisposable
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task printer;

    public ConsolePrinter() => printer = Task.Run(PrintAsync);

    public void Print(string line) => lines.Writer.TryWrite($"{DateTime.Now:HH:mm:ss.fff} {line}");

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await printer;
    }

    private async Task PrintAsync()
    {
        await foreach (var line in lines.Reader.ReadAllAsync()) Console.WriteLine(line);
    }
}
