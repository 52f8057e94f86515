using System.Globalization;
using System.IO.Ports;
using System.Text;
using System.Threading.Channels;
using Bench.Hardware.Ecr;
using Bench.Hardware.Simulation;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// A terminal that speaks the line example dialect (fixtures/terminals/examples/scripted-line-terminal.yaml) on its
/// own pty, in front of a simulated terminal: it turns <c>PAY amount</c> into the simulated terminal's <c>SALE</c> and
/// the simulated terminal's lines into the dialect's, printing nothing about STANs. The controller's side is a
/// <see cref="ScriptedEcrSession"/> over <see cref="SerialPort"/> on the pty's slave, as on a real rig.
/// </summary>
internal sealed class LineDialectTerminal : IAsyncDisposable
{
    private readonly EcrClient native;
    private readonly PseudoTerminalPair pty = new();
    private readonly SerialPort port;
    private readonly Channel<string> outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task commands;
    private readonly Task writer;

    public LineDialectTerminal(EcrClient native, ScriptedEcrDialect dialect, TimeProvider time)
    {
        this.native = native;
        port = new SerialPort(pty.SlavePath, 115_200);
        port.Open();
        Session = new ScriptedEcrSession(port.BaseStream, dialect, time);
        native.LineReceived += Translate;
        commands = Task.Run(ReadCommandsAsync);
        writer = Task.Run(WriteLinesAsync);
    }

    /// <summary>The controller's session in the dialect.</summary>
    public ScriptedEcrSession Session { get; }

    public async ValueTask DisposeAsync()
    {
        native.LineReceived -= Translate;
        outgoing.Writer.TryComplete();
        await stopping.CancelAsync();
        await Session.DisposeAsync();
        await Task.WhenAll(commands, writer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        port.Dispose();
        pty.Dispose();
        stopping.Dispose();
    }

    private void Translate(EcrLine line)
    {
        var text = line.Kind switch
        {
            EcrLineKind.Ready => "IDLE",
            EcrLineKind.PromptCard => "INSERT OR SWIPE CARD",
            EcrLineKind.CardRead => "READING CARD",
            EcrLineKind.Result => line.Outcome switch
            {
                EcrSaleOutcome.Approved => $"APPROVED AUTH:{line.Arguments[1]} RRN:{line.Arguments[0]}",
                EcrSaleOutcome.Declined => $"DECLINED RC:{line.Arguments[0]}",
                EcrSaleOutcome.Timeout => "HOST TIMEOUT",
                EcrSaleOutcome.NoCard => "CARD TIMEOUT",
                EcrSaleOutcome.Busy => "CANCELLED",
                _ => "COMMS ERROR",
            },
            // SENT / RECEIVED / REVERSAL lines and the rest: this terminal keeps its STANs to itself.
            _ => null,
        };
        if (text is not null) outgoing.Writer.TryWrite(text);
    }

    private async Task ReadCommandsAsync()
    {
        var reader = new AsciiLineReader(pty.MasterStream);
        while (await reader.ReadLineAsync(stopping.Token) is { } command)
        {
            if (command.Text.StartsWith("PAY ", StringComparison.Ordinal)
                && long.TryParse(command.Text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                await native.SendAsync(EcrProtocol.Sale(amount), stopping.Token);
            else outgoing.Writer.TryWrite("COMMS ERROR");
        }
    }

    private async Task WriteLinesAsync()
    {
        await foreach (var text in outgoing.Reader.ReadAllAsync(stopping.Token))
        {
            await pty.MasterStream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), stopping.Token);
            await pty.MasterStream.FlushAsync(stopping.Token);
        }
    }
}
