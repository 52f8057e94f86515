using System.Threading.Channels;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Microsoft.Extensions.Logging;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>
/// The ECR port speaking a profile's scripted dialect (<see cref="ScriptedEcrDialect"/> with its
/// <see cref="ScriptedEcrDialect.SimulatedTerminal"/> templates), in its framing: the same transports the controller
/// uses, so with STX/ETX/LRC the terminal answers the controller's frames ACK or NAK and resends its own until they
/// are acknowledged. Messages in: the dialect's sale command becomes the bench's <c>SALE</c>; anything else is no
/// command (the firmware's ERROR answer prints the <c>other</c> template, if any). Lines out: <see cref="ScriptedDialectOutput"/>.
/// A pump of its own reads the port, so a frame the firmware sends from the command loop still hears its ACK.
/// </summary>
internal sealed class ScriptedDialectTerminalPort : ITerminalEcrPort
{
    private readonly IEcrMessageTransport transport;
    private readonly ScriptedSaleCommand sale;
    private readonly ScriptedDialectOutput output;
    private readonly ILogger logger;
    private readonly Channel<ReceivedEcrCommand> commands =
        Channel.CreateUnbounded<ReceivedEcrCommand>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task pump;

    /// <param name="listening">False while the terminal has no power: a framed message then gets no ACK or NAK.</param>
    /// <exception cref="ArgumentException">The dialect has no simulated-terminal templates, or they or its sale command cannot be used (a loaded profile has been checked).</exception>
    public ScriptedDialectTerminalPort(Stream port, ScriptedEcrDialect dialect, TimeProvider time, ILogger logger, Func<bool> listening)
    {
        var templates = dialect.SimulatedTerminal
            ?? throw new ArgumentException($"the {dialect.Name} dialect has no simulatedTerminal templates: the simulated terminal cannot speak it", nameof(dialect));
        if (!ScriptedSaleCommand.TryCreate(dialect.SaleCommand, out var saleCommand, out var problem))
            throw new ArgumentException($"sale command '{dialect.SaleCommand}': {problem}", nameof(dialect));
        try
        {
            output = new ScriptedDialectOutput(templates);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException(exception.Message, nameof(dialect), exception);
        }
        sale = saleCommand!;
        this.logger = logger;
        transport = dialect.Framing == EcrFraming.Line
            ? new LineTransport(port, dialect.LineEnding)
            : new StxEtxLrcTransport(port, dialect, time, logger, listening);
        pump = Task.Run(PumpAsync);
    }

    public async ValueTask<ReceivedEcrCommand?> ReadCommandAsync(CancellationToken cancellationToken)
    {
        // WaitToReadAsync rethrows the port's own exception when the pump ended on one.
        while (await commands.Reader.WaitToReadAsync(cancellationToken))
        {
            if (commands.Reader.TryRead(out var command)) return command;
        }
        return null;
    }

    public async Task<string?> WriteAsync(string line, CancellationToken cancellationToken)
    {
        if (output.Translate(line) is not { } text) return null;
        try
        {
            await transport.SendAsync(text, cancellationToken);
        }
        catch (EcrProtocolException exception)
        {
            // Every attempt went unacknowledged: a real terminal gives the message up and carries on.
            logger.LogWarning("ECR message '{Text}' given up: {Reason}", PanMask.MaskText(text), exception.Message);
        }
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await transport.ReceiveAsync(stopping.Token) is { } message)
                commands.Writer.TryWrite(Translate(message));
            commands.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            commands.Writer.TryComplete();
        }
        catch (Exception exception)
        {
            // The reader hears it as it would from the port itself.
            commands.Writer.TryComplete(exception);
        }
    }

    private ReceivedEcrCommand Translate(TimestampedLine message)
    {
        if (message.Truncated) return new ReceivedEcrCommand(message.Text, null, "line too long");
        return sale.TryRead(message.Text, out var amount)
            ? ReceivedEcrCommand.Parse(message.Text, EcrProtocol.Sale(amount))
            : new ReceivedEcrCommand(message.Text, null, "not the dialect's sale command");
    }
}
