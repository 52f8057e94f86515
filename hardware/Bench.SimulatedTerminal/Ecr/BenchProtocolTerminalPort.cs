using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>The bench's own ECR protocol: lines in, lines out, no translation (the default).</summary>
internal sealed class BenchProtocolTerminalPort(Stream port) : ITerminalEcrPort
{
    private readonly AsciiLineReader reader = new(port);

    public async ValueTask<ReceivedEcrCommand?> ReadCommandAsync(CancellationToken cancellationToken)
    {
        if (await reader.ReadLineAsync(cancellationToken) is not { } line) return null;
        return line.Truncated ? new ReceivedEcrCommand(line.Text, null, "line too long") : ReceivedEcrCommand.Parse(line.Text, line.Text);
    }

    public async Task<string?> WriteAsync(string line, CancellationToken cancellationToken)
    {
        await port.WriteAsync(Encoding.ASCII.GetBytes(line + EcrProtocol.LineEnding), cancellationToken);
        await port.FlushAsync(cancellationToken);
        return line;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
