using System.IO.Ports;
using System.Net;
using System.Net.Sockets;
using Bench.Codec;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Nac;

/// <summary>
/// The bench's network access controller (DESIGN.md §3a): it answers dial-up calls on a modem's serial port,
/// takes the terminal's 2-byte-length-prefixed frames off the line, forwards each to the host chosen by the
/// frame's TPDU destination over TCP (one connection per call), and carries the host's replies back down the
/// line. <c>NO CARRIER</c> closes the host connection; a host that closes makes the NAC hang up. Frames that
/// cannot be forwarded are logged (never their card data) and dropped with a reason; they never stop the
/// service. The same code drives a USB modem on a Pi and the simulated answering modem on a pty.
/// </summary>
public sealed class NetworkAccessController : IAsyncDisposable
{
    private readonly Stream modemPort;
    private readonly IDisposable? ownedPort;
    private readonly NetworkAccessControllerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private int callsAnswered;
    private int framesForwarded;
    private int framesDropped;

    /// <summary>A NAC on <paramref name="modemPort"/> (not owned), e.g. <c>SerialPort.BaseStream</c>.</summary>
    public NetworkAccessController(
        Stream modemPort, NetworkAccessControllerOptions options, TimeProvider? timeProvider = null, ILogger<NetworkAccessController>? logger = null)
        : this(modemPort, null, options, timeProvider, logger)
    {
    }

    private NetworkAccessController(
        Stream modemPort, IDisposable? ownedPort, NetworkAccessControllerOptions options, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(modemPort);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.modemPort = modemPort;
        this.ownedPort = ownedPort;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A frame was dropped; the argument says which and why (no card data).</summary>
    public event Action<string>? FrameDropped;

    /// <summary>A call ended; the argument says how (<c>NO CARRIER</c>, <c>host closed</c>, ...).</summary>
    public event Action<string>? CallEnded;

    public int CallsAnswered => Volatile.Read(ref callsAnswered);

    public int FramesForwarded => Volatile.Read(ref framesForwarded);

    public int FramesDropped => Volatile.Read(ref framesDropped);

    /// <summary>Opens a modem's serial port: 8N1, no flow control, modem-control lines left alone.</summary>
    /// <exception cref="IOException">The device cannot be opened.</exception>
    public static SerialPort OpenSerialPort(string devicePath, int baudRate)
    {
        var port = new SerialPort(devicePath, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
            return port;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"cannot open the modem's serial port {devicePath}: {exception.Message}", exception);
        }
    }

    /// <summary>A NAC on the modem at <paramref name="devicePath"/>; the port is closed when the NAC is disposed.</summary>
    public static NetworkAccessController Open(
        string devicePath, int baudRate, NetworkAccessControllerOptions options, TimeProvider? timeProvider = null, ILogger<NetworkAccessController>? logger = null)
    {
        var port = OpenSerialPort(devicePath, baudRate);
        return new NetworkAccessController(port.BaseStream, port, options, timeProvider, logger);
    }

    /// <summary>
    /// Serves calls until <paramref name="cancellationToken"/> is cancelled (then it returns). A modem that does not
    /// answer its initialisation is tried again after a pause.
    /// </summary>
    /// <exception cref="IOException">The serial port closed or failed: nothing more can be served.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var port = new HayesModemPort(modemPort, time, logger);
        try
        {
            while (true)
            {
                try
                {
                    await InitialiseAsync(port, cancellationToken);
                    while (true)
                    {
                        var data = await NextCallAsync(port, cancellationToken);
                        if (data is not null) await ServeCallAsync(port, data, cancellationToken);
                    }
                }
                catch (TimeoutException exception)
                {
                    logger.LogWarning("NAC: the modem does not answer ({Reason}); trying again in {Pause}", exception.Message, options.ModemRetryPause);
                    await Task.Delay(options.ModemRetryPause, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("NAC stopped");
        }
    }

    public ValueTask DisposeAsync()
    {
        ownedPort?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task InitialiseAsync(HayesModemPort port, CancellationToken cancellationToken)
    {
        // A modem left in data mode by an earlier run would take ATZ as data.
        if (port.IsInDataMode) await port.HangUpAsync(options.GuardTime, options.CommandTimeout, cancellationToken);
        foreach (var command in new[] { "ATZ", "ATE0", $"ATS0={options.AnswerAfterRings}", $"ATS10={(int)Math.Round(options.CarrierLossTolerance.TotalSeconds * 10)}" })
        {
            var result = await port.CommandAsync(command, options.CommandTimeout, cancellationToken);
            if (result.Text != HayesResults.Ok) throw new TimeoutException($"{command} answered {result.Text} instead of OK");
        }
        logger.LogInformation("NAC: modem ready, answering after {Rings} ring(s)", options.AnswerAfterRings);
    }

    // The data session of the next call, or null when a call attempt failed.
    private async Task<ModemDataStream?> NextCallAsync(HayesModemPort port, CancellationToken cancellationToken)
    {
        var result = await port.WaitForResultAsync(r => r.IsConnect || r.Text == HayesResults.Ring, cancellationToken);
        if (result.IsConnect) return result.Data;
        if (options.AnswerAfterRings > 0) return null;
        var answer = await port.CommandAsync("ATA", options.AnswerTimeout, cancellationToken);
        if (answer.IsConnect) return answer.Data;
        logger.LogWarning("NAC: answering failed: {Result}", answer.Text);
        return null;
    }

    private async Task ServeCallAsync(HayesModemPort port, ModemDataStream data, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref callsAnswered);
        logger.LogInformation("NAC call {Call}: {Connect}", call, data.ConnectResult);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HostLink? host = null;
        var reader = new FrameReader(data);
        var endedBy = HayesResults.NoCarrier;
        try
        {
            while (true)
            {
                ReceivedFrame? frame;
                try
                {
                    frame = await reader.ReadAsync(ending.Token);
                }
                catch (IsoDecodeException exception)
                {
                    // The byte stream is out of step: what is buffered is lost, framing restarts with the next bytes.
                    Drop(call, $"bad frame from the terminal ({exception.Message}); buffered bytes discarded");
                    reader = new FrameReader(data);
                    continue;
                }
                if (frame is null) break;
                if (host is not null && host.Replies.IsCompleted)
                {
                    endedBy = "host closed";
                    break;
                }

                var body = frame.Body;
                if (Route(body, out var target) is { } reason)
                {
                    Drop(call, $"{reason}: {Describe(body)}");
                    continue;
                }
                if (host is null)
                {
                    try
                    {
                        host = await HostLink.ConnectAsync(target!, options.HostConnectTimeout, time, ending.Token);
                    }
                    catch (Exception exception) when (exception is SocketException or TimeoutException)
                    {
                        Drop(call, $"host {target} unreachable ({exception.Message}): {Describe(body)}");
                        continue;
                    }
                    host.Replies = CarryRepliesAsync(call, host, port, data, cancellationToken);
                }
                else if (!host.EndPoint.Equals(target))
                {
                    Drop(call, $"this call is connected to {host.EndPoint}, not {target}: {Describe(body)}");
                    continue;
                }

                try
                {
                    await host.SendAsync(body, ending.Token);
                }
                catch (Exception exception) when (exception is IOException or SocketException)
                {
                    Drop(call, $"host {host.EndPoint} closed the connection ({exception.Message}): {Describe(body)}");
                    endedBy = "host closed";
                    break;
                }
                Interlocked.Increment(ref framesForwarded);
                logger.LogInformation("NAC call {Call}: terminal → {Host}: {Frame}", call, host.EndPoint, Describe(body));
            }
        }
        finally
        {
            if (host is not null)
            {
                host.Dispose();
                await host.Replies.ConfigureAwait(false);
            }
        }

        if (!data.HasEnded) await port.HangUpAsync(options.GuardTime, options.CommandTimeout, cancellationToken);
        if (host?.Replies is { IsCompletedSuccessfully: true } replies && replies.Result) endedBy = "host closed";
        logger.LogInformation("NAC call {Call} ended: {Reason}", call, endedBy);
        CallEnded?.Invoke(endedBy);
    }

    // Host → terminal until the host closes (true: then the NAC hangs up) or the call ends (false).
    private async Task<bool> CarryRepliesAsync(int call, HostLink host, HayesModemPort port, ModemDataStream data, CancellationToken cancellationToken)
    {
        var reader = new FrameReader(host.Stream);
        try
        {
            while (await reader.ReadAsync(cancellationToken) is { } reply)
            {
                var framed = new byte[Framing.PrefixLength + reply.Body.Length];
                Framing.WritePrefix(framed, reply.Body.Length);
                reply.Body.CopyTo(framed, Framing.PrefixLength);
                await data.WriteAsync(framed, cancellationToken);
                logger.LogInformation("NAC call {Call}: {Host} → terminal: {Frame}", call, host.EndPoint, Describe(reply.Body));
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or IsoDecodeException or OperationCanceledException)
        {
            if (data.HasEnded || host.IsDisposed || cancellationToken.IsCancellationRequested) return false;
            logger.LogWarning("NAC call {Call}: host {Host} link failed: {Reason}", call, host.EndPoint, exception.Message);
        }
        if (data.HasEnded || host.IsDisposed) return false;

        // The host is done with this call: hang up, which also ends the terminal-side loop.
        logger.LogInformation("NAC call {Call}: host {Host} closed; hanging up", call, host.EndPoint);
        await port.HangUpAsync(options.GuardTime, options.CommandTimeout, cancellationToken);
        return true;
    }

    // Null when the frame can go, with its host; otherwise why not.
    private string? Route(byte[] body, out EndPoint? target)
    {
        target = null;
        if (body.Length < Tpdu.Length) return $"frame of {body.Length} bytes is shorter than a TPDU";
        var tpdu = Tpdu.ReadFrom(body);
        if (tpdu.Id != 0x60) return $"frame does not start with a TPDU (id {tpdu.Id:X2}, expected 60)";
        target = options.Routing.Resolve(tpdu.Destination);
        return target is null ? $"no route for TPDU destination {tpdu.Destination:X4} and no default route" : null;
    }

    private void Drop(int call, string reason)
    {
        Interlocked.Increment(ref framesDropped);
        logger.LogWarning("NAC call {Call}: frame dropped: {Reason}", call, PanMask.MaskText(reason));
        FrameDropped?.Invoke(PanMask.MaskText(reason));
    }

    // Length, TPDU and MTI only: a frame's fields may hold card data.
    private static string Describe(byte[] body)
    {
        var tpdu = body.Length >= Tpdu.Length ? Convert.ToHexString(body, 0, Tpdu.Length) : Convert.ToHexString(body);
        var mti = body.Length >= Tpdu.Length + MessageHeader.Length + 2 ? " MTI " + Convert.ToHexString(body, Tpdu.Length + MessageHeader.Length, 2) : "";
        return $"{body.Length} bytes, TPDU {tpdu}{mti}";
    }

    /// <summary>The TCP connection of one call to its host.</summary>
    private sealed class HostLink : IDisposable
    {
        private readonly Socket socket;
        private int disposed;

        private HostLink(Socket socket, EndPoint endPoint)
        {
            this.socket = socket;
            EndPoint = endPoint;
            Stream = new NetworkStream(socket, ownsSocket: false);
        }

        public EndPoint EndPoint { get; }

        public NetworkStream Stream { get; }

        public Task<bool> Replies { get; set; } = Task.FromResult(false);

        public bool IsDisposed => Volatile.Read(ref disposed) != 0;

        public static async Task<HostLink> ConnectAsync(EndPoint host, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            var socket = new Socket(host.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : host.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
            };
            using var timer = new CancellationTokenSource(timeout, time);
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            try
            {
                await socket.ConnectAsync(host, connecting.Token);
                return new HostLink(socket, host);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TimeoutException($"no connection within {timeout}");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async Task SendAsync(byte[] body, CancellationToken cancellationToken)
        {
            var framed = new byte[Framing.PrefixLength + body.Length];
            Framing.WritePrefix(framed, body.Length);
            body.CopyTo(framed, Framing.PrefixLength);
            await Stream.WriteAsync(framed, cancellationToken);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            try { socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            Stream.Dispose();
            socket.Dispose();
        }
    }
}
