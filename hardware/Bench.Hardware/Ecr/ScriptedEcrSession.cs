using System.Diagnostics;
using Bench.Codec;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Ecr;

/// <summary>
/// An ECR session in a dialect the terminal profile declares (<see cref="ScriptedEcrDialect"/>): sends the
/// dialect's sale command in its framing and turns every message the terminal sends into an <see cref="EcrLine"/>
/// by the dialect's patterns: a result (<see cref="EcrLineKind.Result"/> with its outcome, arguments laid out as
/// the bench protocol's: RRN and approval code, or the response code), the card prompt, readiness, the data
/// session, the sale request's STAN (<see cref="EcrLineKind.Sent"/>), or <see cref="EcrLineKind.Unrecognized"/>
/// (<see cref="ScriptedEcrRecogniser"/>; results are tried first, in the order approved, declined, timeout, no card, other). Whatever ends the reading
/// loop closes the session, as with <see cref="EcrClient"/>. Card numbers are masked in everything logged.
/// </summary>
public sealed class ScriptedEcrSession : IEcrSession
{
    private readonly ScriptedEcrDialect dialect;
    private readonly IEcrMessageTransport transport;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly EcrLineBook book = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly ScriptedEcrRecogniser recogniser;
    private readonly Task readLoop;
    private readonly Lock gate = new();
    private Task? disposal;

    /// <param name="port">The terminal's ECR port, typically <c>SerialPort.BaseStream</c>.</param>
    /// <param name="time">Decides the framed acknowledge timeout and the boot time of a dialect without a ready line.</param>
    /// <exception cref="RegexParseException">A pattern of the dialect is not a regular expression (a loaded profile has been checked).</exception>
    public ScriptedEcrSession(Stream port, ScriptedEcrDialect dialect, TimeProvider time, ILogger? logger = null)
    {
        this.dialect = dialect;
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
        transport = dialect.Framing == EcrFraming.Line
            ? new LineTransport(port, dialect.LineEnding)
            : new StxEtxLrcTransport(port, dialect, time, this.logger);
        recogniser = new ScriptedEcrRecogniser(dialect);
        // Task.Run: a synchronous stream's first read must not block the constructor.
        readLoop = Task.Run(ReadLoopAsync);
    }

    public string Dialect => dialect.Name;

    /// <summary>A scripted dialect declares no status command: the bench cannot see a pending reversal through it.</summary>
    public bool SupportsStatus => false;

    public event Action<EcrLine>? LineReceived;

    public IReadOnlyList<EcrLine> Lines => book.Lines;

    public int LineCount => book.Count;

    public bool IsClosed => book.IsClosed;

    public Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, int fromIndex, CancellationToken cancellationToken) =>
        book.WaitForAsync(predicate, fromIndex, cancellationToken);

    /// <summary>
    /// Sends the dialect's sale command and waits for the first result after it. A terminal that never answers is the
    /// caller's timeout (cancel the token); a framed command nobody acknowledges, or a port that fails, raises <see cref="EcrProtocolException"/>.
    /// </summary>
    public async Task<EcrSaleResult> SaleAsync(long amountMinorUnits, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amountMinorUnits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amountMinorUnits, EcrProtocol.MaxAmountMinorUnits);
        var command = dialect.FormatSale(amountMinorUnits);
        var mark = LineCount;
        var commandTimestamp = Stopwatch.GetTimestamp();
        var result = WaitForAsync(line => line.Kind == EcrLineKind.Result, mark, cancellationToken);
        try
        {
            await transport.SendAsync(command, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The port went away under the write: the same failure as a dead reading loop, told the same way.
            throw new EcrProtocolException(
                $"the ECR port failed while sending: {exception.GetType().Name}: {PanMask.MaskText(exception.Message)}", innerException: exception);
        }
        logger.LogDebug("ECR > {Command}", PanMask.MaskText(command));
        var end = await result;
        return EcrClient.Summarize(amountMinorUnits, commandTimestamp, book.Between(mark, end));
    }

    public Task<EcrLine> StatusAsync(CancellationToken cancellationToken) =>
        Task.FromException<EcrLine>(new EcrProtocolException($"the {Dialect} ECR dialect has no status command"));

    /// <summary>The dialect's ready line from <paramref name="fromIndex"/> on; without one, its boot time on the injected clock.</summary>
    public async Task WaitUntilReadyAsync(int fromIndex, CancellationToken cancellationToken)
    {
        if (dialect.Ready is not null) await WaitForAsync(line => line.Kind == EcrLineKind.Ready, fromIndex, cancellationToken);
        else await Task.Delay(dialect.BootTime, time, cancellationToken);
    }

    /// <summary>Stops the reading loop and fails pending waits. Safe to call more than once.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate) disposal ??= StopAsync();
        return new ValueTask(disposal);
    }

    /// <summary>What <paramref name="text"/> means in this dialect (also for tests of a dialect's patterns).</summary>
    public EcrLine Recognise(string text, long timestamp) => recogniser.Recognise(text, timestamp);

    private async Task StopAsync()
    {
        await stopping.CancelAsync();
        await readLoop;
        stopping.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        EcrProtocolException reason;
        try
        {
            while (true)
            {
                var raw = await transport.ReceiveAsync(stopping.Token);
                if (raw is null)
                {
                    reason = new EcrProtocolException("the ECR port closed");
                    break;
                }
                var line = raw.Truncated
                    ? new EcrLine(raw.Text, raw.Timestamp, EcrLineKind.Malformed, [], $"longer than {EcrProtocol.MaxLineLength} characters")
                    : Recognise(raw.Text, raw.Timestamp);
                Deliver(line);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = new EcrProtocolException("the ECR session was disposed");
        }
        catch (Exception exception)
        {
            // Whatever it is, the port is unusable and everyone waiting must hear so.
            logger.LogWarning(exception, "ECR port failed");
            reason = new EcrProtocolException(
                $"the ECR port failed: {exception.GetType().Name}: {PanMask.MaskText(exception.Message)}", innerException: exception);
        }
        book.Close(reason);
    }

    private void Deliver(EcrLine line)
    {
        if (line.Error is not null) logger.LogWarning("ECR < '{Line}': {Error}", PanMask.MaskText(line.Text), PanMask.MaskText(line.Error));
        else logger.LogDebug("ECR < {Kind} {Line}", line.Kind, PanMask.MaskText(line.Text));
        book.Add(line);
        try
        {
            LineReceived?.Invoke(line);
        }
        catch (Exception exception)
        {
            // A subscriber's bug must not stop the port being read.
            logger.LogError(exception, "ECR line handler failed");
        }
    }
}
