using System.Text;
using System.Threading.Channels;
using Bench.Hardware.Ecr;
using Bench.SimulatedTerminal;
using Terminal = Bench.SimulatedTerminal.SimulatedTerminal;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The simulated terminal's debug UART on a wire: every line it prints goes out, CR LF ended, on a pty's master as a
/// real terminal's console sends it; the rig station reads the slave, named as <c>console.device</c> in the rig file.
/// Lines are written in the order printed, by one writer, so the terminal never waits on the wire.
/// </summary>
internal sealed class ConsoleCable : IAsyncDisposable
{
    private readonly Terminal terminal;
    private readonly Stream wire;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task writer;

    /// <param name="wire">The pty's master end (the terminal's side of the console cable).</param>
    public ConsoleCable(Terminal terminal, Stream wire)
    {
        this.terminal = terminal;
        this.wire = wire;
        terminal.ConsoleLineWritten += OnLine;
        writer = Task.Run(WriteLinesAsync);
    }

    public async ValueTask DisposeAsync()
    {
        terminal.ConsoleLineWritten -= OnLine;
        lines.Writer.TryComplete();
        await stopping.CancelAsync();
        await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private void OnLine(ConsoleLine line) => lines.Writer.TryWrite(line.Text);

    private async Task WriteLinesAsync()
    {
        await foreach (var text in lines.Reader.ReadAllAsync(stopping.Token))
        {
            await wire.WriteAsync(Encoding.ASCII.GetBytes(text + EcrProtocol.LineEnding), stopping.Token);
        }
    }
}
