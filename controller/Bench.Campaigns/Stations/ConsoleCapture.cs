using System.IO.Ports;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Reads a terminal's debug UART (a second serial port beside the ECR one) from power-on: one line at a time,
/// stamped in the reading loop when its line feed arrives, handed to a <see cref="TerminalConsole"/>. Lines are
/// cut at <see cref="EcrProtocol.MaxLineLength"/> characters like the ECR port's. The read is cancelled with a
/// token (a serial stream ignores its read timeout); an error of the port ends the capture and is logged, never
/// thrown into a trial: the console is evidence, the trial does not depend on it.
/// </summary>
public sealed class ConsoleCapture : IAsyncDisposable
{
    private readonly Stream port;
    private readonly TerminalConsole console;
    private readonly ILogger logger;
    private readonly IDisposable? owned;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task readLoop;

    /// <param name="port">The console's stream, typically <c>SerialPort.BaseStream</c>.</param>
    /// <param name="owned">Disposed with the capture (the <see cref="SerialPort"/> of <see cref="Open"/>).</param>
    public ConsoleCapture(Stream port, TerminalConsole console, ILogger? logger = null, IDisposable? owned = null)
    {
        this.port = port;
        this.console = console;
        this.logger = logger ?? NullLogger.Instance;
        this.owned = owned;
        readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Opens the named serial device (8N1, no handshake: the console needs no modem lines) and starts reading.</summary>
    public static ConsoleCapture Open(string portName, int baudRate, TerminalConsole console, ILogger? logger = null)
    {
        var serialPort = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        serialPort.Open();
        return new ConsoleCapture(serialPort.BaseStream, console, logger, serialPort);
    }

    /// <summary>Completes when the capture has ended (end of stream, a port error, or disposal).</summary>
    public Task Completion => readLoop;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await readLoop;
        owned?.Dispose();
        stopping.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reader = new AsciiLineReader(port);
        try
        {
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                try
                {
                    console.Publish(line);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Console line handler failed on '{Line}'", PanMask.MaskText(line.Text));
                }
            }
            logger.LogWarning("Terminal console port closed");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogWarning("Terminal console capture ended: {Error}: {Message}", exception.GetType().Name, PanMask.MaskText(exception.Message));
        }
    }
}
