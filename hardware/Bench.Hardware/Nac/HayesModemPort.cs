using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Nac;

/// <summary>
/// The DTE's side of a Hayes AT modem's serial port (a USB modem's tty, or a simulated modem's pty):
/// commands and their results in command mode, a <see cref="ModemDataStream"/> after <c>CONNECT</c>,
/// and back to command mode when the modem says <c>NO CARRIER</c> in-band or the DTE escapes with
/// <c>+++</c>. One reading loop owns the serial stream's reads for the object's life. Timers run on
/// the given <see cref="TimeProvider"/>. The serial stream is not owned: the caller closes it.
/// </summary>
public sealed class HayesModemPort : IAsyncDisposable
{
    private const int LongestLine = 256;
    private static readonly byte[] CarrierLostMarker = HayesResults.Encode(HayesResults.NoCarrier);

    private readonly Stream serial;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Channel<ModemResult> results = Channel.CreateUnbounded<ModemResult>(new UnboundedChannelOptions { SingleReader = false });
    private readonly List<byte> line = [];
    private readonly Task readLoop;
    private ModemDataStream? session;
    private int markerMatched;
    private bool skipLineFeed;
    private long quietSinceTimestamp;

    public HayesModemPort(Stream serial, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.serial = serial;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        quietSinceTimestamp = time.GetTimestamp();
        // Task.Run: a synchronous stream's first read must not block the constructor.
        readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Raised in the reading loop for every result line (RING, CONNECT, NO CARRIER, ...). Keep handlers short.</summary>
    public event Action<ModemResult>? ResultReceived;

    /// <summary>True between a CONNECT and the end of its data session as the modem sees it.</summary>
    public bool IsInDataMode
    {
        get { lock (gate) return session is not null; }
    }

    /// <summary>
    /// Sends <paramref name="command"/> (e.g. <c>ATZ</c>) and returns its final result (OK, ERROR, CONNECT ...,
    /// NO CARRIER, BUSY, NO ANSWER, NO DIALTONE). Results left over from before the command are discarded;
    /// echoes and RINGs are skipped. A command that can run long (ATD, ATA) is aborted with a keystroke
    /// when the timer or <paramref name="cancellationToken"/> ends the wait, as a modem expects.
    /// </summary>
    /// <exception cref="TimeoutException">No final result within <paramref name="timeout"/> (terminal time).</exception>
    /// <exception cref="IOException">The serial port closed or failed.</exception>
    public async Task<ModemResult> CommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (results.Reader.TryRead(out _))
        {
            // Stale: a NO CARRIER or RING that nobody waited for.
        }

        await WriteAsync(Encoding.ASCII.GetBytes(command + "\r"), cancellationToken);
        var abortable = command.StartsWith("ATD", StringComparison.OrdinalIgnoreCase) || command.Equals("ATA", StringComparison.OrdinalIgnoreCase);
        using var timer = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            return await WaitForResultAsync(result => result.IsFinal, wait.Token);
        }
        catch (OperationCanceledException) when (abortable)
        {
            // Any character aborts a dial or an answer; the modem then hangs up and says NO CARRIER.
            await AbortQuietlyAsync();
            if (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"no result to {command} within {timeout}; the call attempt was aborted");
            throw;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no result to {command} within {timeout}");
        }
    }

    /// <summary>The next result that satisfies <paramref name="predicate"/> (e.g. a RING or an auto-answer CONNECT); others are skipped.</summary>
    /// <exception cref="IOException">The serial port closed or failed.</exception>
    public async Task<ModemResult> WaitForResultAsync(Func<ModemResult, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            ModemResult result;
            try
            {
                result = await results.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException exception)
            {
                throw new IOException("the modem's serial port is closed", exception);
            }
            if (predicate(result)) return result;
        }
    }

    /// <summary>
    /// Leaves data mode without ending the call: waits until the line was quiet for 1.5 × <paramref name="guardTime"/>
    /// (the modem's S12) since the last byte written or the CONNECT, sends <c>+++</c>, and waits for OK. True when
    /// the modem is in command mode (OK, or the carrier was already gone, or the port was not in data mode);
    /// false when the modem never answered.
    /// </summary>
    public async Task<bool> EscapeAsync(TimeSpan guardTime, CancellationToken cancellationToken)
    {
        ModemDataStream? data;
        lock (gate)
        {
            data = session;
            if (data is null) return true;
            EnterCommandMode();
        }
        data.End("escaped to command mode");
        return await SendEscapeAsync(guardTime, cancellationToken);
    }

    /// <summary>
    /// Ends the call: escapes from data mode if need be (twice at most), then <c>ATH</c>. Returns the ATH result
    /// (OK), or null when the modem never answered.
    /// </summary>
    public async Task<ModemResult?> HangUpAsync(TimeSpan guardTime, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        // A second escape is sent even though the port has left data mode: the modem may not have.
        if (!await EscapeAsync(guardTime, cancellationToken) && !await SendEscapeAsync(guardTime, cancellationToken))
        {
            // The modem is deaf (unpowered, unplugged), or still online: an ATH would only go down the line as data.
            logger.LogWarning("Modem did not leave data mode; the call may still be up");
            return null;
        }
        try
        {
            return await CommandAsync("ATH", commandTimeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            logger.LogWarning("Modem did not answer ATH: {Reason}", exception.Message);
            return null;
        }
    }

    private async Task<bool> SendEscapeAsync(TimeSpan guardTime, CancellationToken cancellationToken)
    {
        while (results.Reader.TryRead(out _))
        {
        }

        // The margin covers the serial latency between this clock and the modem's.
        var guard = guardTime * 1.5;
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var quiet = time.GetElapsedTime(Volatile.Read(ref quietSinceTimestamp));
            if (quiet < guard) await Task.Delay(guard - quiet, time, cancellationToken);
            await serial.WriteAsync("+++"u8.ToArray(), cancellationToken);
            await serial.FlushAsync(cancellationToken);
            Volatile.Write(ref quietSinceTimestamp, time.GetTimestamp());
        }
        finally
        {
            writeLock.Release();
        }

        var timeout = guardTime * 3 + TimeSpan.FromSeconds(1);
        using var timer = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await WaitForResultAsync(result => result.Text is HayesResults.Ok or HayesResults.NoCarrier, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Modem did not answer the +++ escape within {Timeout}", timeout);
            return false;
        }
    }

    /// <summary>
    /// The modem restarted (its power was cut): a data session the port still believed in is gone, and the
    /// modem is in command mode without having said NO CARRIER. Ends the session locally; sends nothing.
    /// </summary>
    public void ForgetDataMode()
    {
        lock (gate) EnterCommandMode("the modem restarted");
    }

    /// <summary>Stops the reading loop; the serial stream stays open (its owner closes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested) return;
        await stopping.CancelAsync();
        try
        {
            await readLoop;
        }
        catch (OperationCanceledException)
        {
        }
        lock (gate) EnterCommandMode();
        results.Writer.TryComplete();
        stopping.Dispose();
    }

    internal async ValueTask WriteDataAsync(ModemDataStream from, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (session != from || from.HasEnded)
                throw new IOException($"no carrier: the data session ended ({(from.Ended.IsCompleted ? from.Ended.Result : "escaped")})");
        }
        await WriteAsync(data, cancellationToken);
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await serial.WriteAsync(data, cancellationToken);
            await serial.FlushAsync(cancellationToken);
            Volatile.Write(ref quietSinceTimestamp, time.GetTimestamp());
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task AbortQuietlyAsync()
    {
        try
        {
            using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
            await WriteAsync("\r"u8.ToArray(), timer.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug("Could not abort the modem's call attempt: {Reason}", exception.Message);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1024];
        string reason = "the serial port closed";
        try
        {
            while (true)
            {
                var read = await serial.ReadAsync(buffer, stopping.Token);
                if (read == 0) break;
                lock (gate) Process(buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = "the port was disposed";
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            reason = "the serial port failed: " + exception.Message;
            logger.LogWarning("Modem serial port failed: {Reason}", exception.Message);
        }
        lock (gate) EnterCommandMode(reason);
        results.Writer.TryComplete();
    }

    // Under the gate.
    private void Process(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty)
        {
            if (session is { } data)
            {
                if (skipLineFeed && input[0] == (byte)'\n')
                {
                    input = input[1..];
                    skipLineFeed = false;
                    continue;
                }
                skipLineFeed = false;
                input = input[ScanData(data, input)..];
                continue;
            }

            var b = input[0];
            input = input[1..];
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (line.Count > 0) EndLine(lineEndedByCarriageReturn: b == '\r');
            }
            else if (line.Count < LongestLine)
            {
                line.Add(b);
            }
        }
    }

    // Delivers data bytes and watches for the in-band NO CARRIER; returns how many bytes it consumed.
    private int ScanData(ModemDataStream data, ReadOnlySpan<byte> input)
    {
        for (var index = 0; index < input.Length; index++)
        {
            markerMatched = NextMatch(markerMatched, input[index]);
            if (markerMatched < CarrierLostMarker.Length) continue;

            // The marker's bytes in this read are not data; a part of it that came in an earlier read was
            // already delivered (a modem sends the result in one write, so that is a corner case).
            var markerStart = Math.Max(0, index + 1 - CarrierLostMarker.Length);
            data.Deliver(input[..markerStart]);
            EnterCommandMode("NO CARRIER");
            Post(new ModemResult(HayesResults.NoCarrier));
            return index + 1;
        }
        data.Deliver(input);
        return input.Length;
    }

    // Longest prefix of the marker that ends with the bytes seen so far plus b.
    private static int NextMatch(int matched, byte b)
    {
        while (true)
        {
            if (CarrierLostMarker[matched] == b) return matched + 1;
            if (matched == 0) return 0;
            // Fall back to the longest proper border of marker[..matched] (the marker starts and ends with CR LF).
            var border = 0;
            for (var length = matched - 1; length > 0; length--)
            {
                if (CarrierLostMarker.AsSpan(0, length).SequenceEqual(CarrierLostMarker.AsSpan(matched - length, length)))
                {
                    border = length;
                    break;
                }
            }
            matched = border;
        }
    }

    private void EndLine(bool lineEndedByCarriageReturn)
    {
        var text = Encoding.ASCII.GetString(line.ToArray()).Trim();
        line.Clear();
        if (text.Length == 0) return;
        if (HayesResults.IsConnect(text))
        {
            var data = new ModemDataStream(this, text);
            session = data;
            // The modem's escape guard time runs from the CONNECT as well as from the last byte.
            Volatile.Write(ref quietSinceTimestamp, time.GetTimestamp());
            markerMatched = 0;
            // The CR LF after CONNECT: its LF is not data.
            skipLineFeed = lineEndedByCarriageReturn;
            Post(new ModemResult(text, data));
            return;
        }
        Post(new ModemResult(text));
    }

    private void Post(ModemResult result)
    {
        logger.LogDebug("Modem: {Result}", result.Text);
        results.Writer.TryWrite(result);
        try
        {
            ResultReceived?.Invoke(result);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A modem result handler failed");
        }
    }

    // Under the gate.
    private void EnterCommandMode(string reason = "escaped to command mode")
    {
        session?.End(reason);
        session = null;
        markerMatched = 0;
        skipLineFeed = false;
        line.Clear();
    }
}
