using System.Diagnostics;
using System.Text;
using Bench.Codec;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Ecr;

/// <summary>
/// The controller's side of a terminal's ECR serial port (a real terminal's, or the simulated
/// one's over a pty). Sends commands, keeps every received line with the Stopwatch timestamp
/// taken in the reading loop, and offers awaitable helpers. The port is any duplex
/// <see cref="Stream"/>, typically <c>SerialPort.BaseStream</c>; its read timeout is ignored, so
/// every wait here is cancelled with a token. Malformed lines are kept as
/// <see cref="EcrLineKind.Malformed"/> and logged; they never stop the reading loop. Whatever
/// ends the reading loop (end of stream, a port error of any kind, disposal) closes the client:
/// pending and later waits fail with <see cref="EcrProtocolException"/> saying why. Card numbers
/// are masked in everything logged and in exception messages; <see cref="Lines"/> keeps the text as received.
/// </summary>
public sealed class EcrClient : IEcrSession
{
    private readonly Stream port;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly EcrLineBook book = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task readLoop;
    private Task? disposal;

    public EcrClient(Stream port, ILogger? logger = null)
    {
        this.port = port;
        this.logger = logger ?? NullLogger.Instance;
        // Task.Run: a synchronous stream's first read must not block the constructor.
        readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Raised in the reading loop for every line, malformed ones included. Keep handlers short.</summary>
    public event Action<EcrLine>? LineReceived;

    /// <summary>A snapshot of every line received so far.</summary>
    public IReadOnlyList<EcrLine> Lines
    {
        get => book.Lines;
    }

    /// <summary>How many lines have arrived; pass it to <see cref="WaitForAsync(Func{EcrLine, bool}, int, CancellationToken)"/> as a mark.</summary>
    public int LineCount => book.Count;

    /// <summary>True once the port has ended or failed; waits then fail with <see cref="EcrProtocolException"/>.</summary>
    public bool IsClosed => book.IsClosed;

    /// <summary>Writes one command line (CR LF appended).</summary>
    public async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        if (command.Contains('\r') || command.Contains('\n'))
            throw new ArgumentException("a command is a single line", nameof(command));
        var bytes = Encoding.ASCII.GetBytes(command + EcrProtocol.LineEnding);
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
        logger.LogDebug("ECR > {Command}", command);
    }

    /// <summary>The first line from now on that satisfies <paramref name="predicate"/>.</summary>
    public Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, CancellationToken cancellationToken) =>
        WaitForAsync(predicate, LineCount, cancellationToken);

    /// <summary>
    /// The first line at index <paramref name="fromIndex"/> or later (lines already received
    /// included) that satisfies <paramref name="predicate"/>. Take the mark from
    /// <see cref="LineCount"/> before sending a command, so a fast reply cannot slip past.
    /// </summary>
    public Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, int fromIndex, CancellationToken cancellationToken) =>
        book.WaitForAsync(predicate, fromIndex, cancellationToken);

    /// <summary>The first line of <paramref name="kind"/> from now on.</summary>
    public Task<EcrLine> WaitForAsync(EcrLineKind kind, CancellationToken cancellationToken) =>
        WaitForAsync(line => line.Kind == kind, cancellationToken);

    /// <summary>
    /// Sends <c>SALE amount</c> and waits for its <c>RESULT</c> line. A malformed <c>RESULT</c> line
    /// or an <c>ERROR</c> reply raises <see cref="EcrProtocolException"/>. A terminal that never
    /// answers is the caller's timeout: cancel the token. Do not overlap two calls on one port:
    /// a RESULT line carries no sale id, so each call takes the first RESULT after its command.
    /// </summary>
    public async Task<EcrSaleResult> SaleAsync(long amountMinorUnits, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amountMinorUnits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amountMinorUnits, EcrProtocol.MaxAmountMinorUnits);
        var mark = LineCount;
        var commandTimestamp = Stopwatch.GetTimestamp();
        await SendAsync(EcrProtocol.Sale(amountMinorUnits), cancellationToken);
        var end = await WaitForAsync(line => line.Kind is EcrLineKind.Result or EcrLineKind.Error
            || line.Kind == EcrLineKind.Malformed && line.Text.StartsWith("RESULT", StringComparison.Ordinal), mark, cancellationToken);
        if (end.Kind == EcrLineKind.Error)
            throw new EcrProtocolException($"the terminal rejected the sale: {PanMask.MaskText(end.Text)}", end);
        if (end.Kind == EcrLineKind.Malformed)
            throw new EcrProtocolException($"malformed result line '{PanMask.MaskText(end.Text)}': {PanMask.MaskText(end.Error ?? "")}", end);
        return Summarize(amountMinorUnits, commandTimestamp, LinesBetween(mark, end));
    }

    /// <summary>Sends <c>STATUS</c> and returns the terminal's <c>STATUS</c> line.</summary>
    public async Task<EcrLine> StatusAsync(CancellationToken cancellationToken)
    {
        var mark = LineCount;
        await SendAsync(EcrProtocol.Status, cancellationToken);
        return await WaitForAsync(line => line.Kind == EcrLineKind.Status, mark, cancellationToken);
    }

    /// <summary>The bench's own protocol.</summary>
    public string Dialect => "bench";

    /// <summary>The bench's protocol answers <c>STATUS</c>.</summary>
    public bool SupportsStatus => true;

    /// <summary>Waits for <c>READY</c> at <paramref name="fromIndex"/> or later.</summary>
    public Task WaitUntilReadyAsync(int fromIndex, CancellationToken cancellationToken) =>
        WaitForAsync(line => line.Kind == EcrLineKind.Ready, fromIndex, cancellationToken);

    /// <summary>Stops the reading loop and fails pending waits. Safe to call more than once, also concurrently.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate) disposal ??= StopAsync();
        return new ValueTask(disposal);
    }

    private async Task StopAsync()
    {
        await stopping.CancelAsync();
        // The loop catches everything, so this await cannot throw.
        await readLoop;
        // The write lock is not disposed: a SendAsync still under way must be able to release it.
        stopping.Dispose();
    }

    /// <summary>A sale's result from its lines (the last being the result), laid out as this protocol's; scripted dialects share it.</summary>
    internal static EcrSaleResult Summarize(long amount, long commandTimestamp, IReadOnlyList<EcrLine> saleLines)
    {
        var result = saleLines[^1];
        var sent = saleLines.FirstOrDefault(l => l.Kind == EcrLineKind.Sent && l.Arguments[0] == "0200");
        return new EcrSaleResult(amount, result.Outcome!.Value, saleLines)
        {
            RetrievalReferenceNumber = result.Outcome == EcrSaleOutcome.Approved ? result.Arguments[0] : null,
            AuthorizationCode = result.Outcome == EcrSaleOutcome.Approved ? result.Arguments[1] : null,
            ResponseCode = result.Outcome == EcrSaleOutcome.Declined ? result.Arguments[0] : null,
            Stan = sent?.Arguments[1],
            CommandTimestamp = commandTimestamp,
            AcknowledgedTimestamp = saleLines.FirstOrDefault(l => l.Kind == EcrLineKind.Acknowledged)?.Timestamp,
            RequestSentTimestamp = sent?.Timestamp,
            ResultTimestamp = result.Timestamp,
            CarrierLost = saleLines.Any(l => l.Kind == EcrLineKind.NoCarrier),
            ReversalsSent = [.. saleLines.Where(l => l.Kind == EcrLineKind.ReversalSent).Select(l => l.Arguments[0])],
        };
    }

    private List<EcrLine> LinesBetween(int fromIndex, EcrLine last) => book.Between(fromIndex, last);

    private async Task ReadLoopAsync()
    {
        var reader = new AsciiLineReader(port);
        EcrProtocolException reason;
        try
        {
            while (true)
            {
                var raw = await reader.ReadLineAsync(stopping.Token);
                if (raw is null)
                {
                    reason = new EcrProtocolException("the ECR port closed");
                    break;
                }
                Deliver(raw.Truncated
                    ? new EcrLine(raw.Text, raw.Timestamp, EcrLineKind.Malformed, [], $"longer than {EcrProtocol.MaxLineLength} characters")
                    : EcrLineParser.Parse(raw.Text, raw.Timestamp));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = new EcrProtocolException("the ECR client was disposed");
        }
        catch (Exception exception)
        {
            // Anything: an I/O error, a SerialPort closed under us (InvalidOperationException), an unplugged
            // adapter (UnauthorizedAccessException), a cancellation raised by the stream itself. Whatever it
            // is, the port is unusable and everyone waiting must hear so.
            logger.LogWarning(exception, "ECR port failed");
            reason = new EcrProtocolException(
                $"the ECR port failed: {exception.GetType().Name}: {PanMask.MaskText(exception.Message)}", innerException: exception);
        }

        book.Close(reason);
    }

    private void Deliver(EcrLine line)
    {
        // A real terminal's dialect may print a card number: logs must never carry one.
        if (line.Kind == EcrLineKind.Malformed)
            logger.LogWarning("ECR < malformed line '{Line}': {Error}", PanMask.MaskText(line.Text), PanMask.MaskText(line.Error ?? ""));
        else logger.LogDebug("ECR < {Line}", PanMask.MaskText(line.Text));

        // A caller's predicate that throws fails that wait only; the port goes on being read.
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
