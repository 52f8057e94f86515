using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Campaigns.Fixtures;
using Bench.Cli.Proxy;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench proxy --upstream HOST:PORT [--listen ADDR:PORT] [--faults FILE] [--db FILE] [--raw-frames] [--pcap FILE]</c>:
/// the link emulator between a real terminal and an external test host, under a faults file's conditions,
/// recording and printing (card data masked) every frame until Ctrl-C.
/// </summary>
public static class ProxyCommand
{
    private const string Name = "bench proxy";

    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "ADDR:PORT the terminal connects to (loopback unless given; port 0 picks a free one)",
            DefaultValueFactory = _ => "127.0.0.1:5001",
        };
        var upstream = new Option<string>("--upstream") { Description = "HOST:PORT of the test host every connection is forwarded to", Required = true };
        var faults = new Option<FileInfo?>("--faults") { Description = "Link faults YAML (see fixtures/links/); none when absent" };
        var database = new Option<FileInfo>("--db") { Description = "Results database to record frames and events into", DefaultValueFactory = _ => new FileInfo("proxy-results.db") };
        var rawFrames = new Option<bool>("--raw-frames") { Description = "Store (and capture) frame bodies byte for byte, card numbers and tracks included (default: card digits masked)" };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write the recorded frames as a pcap capture when stopped" };

        var command = new Command("proxy", "Run the link emulator in front of a test host until Ctrl-C, recording every frame")
        {
            listen, upstream, faults, database, rawFrames, pcap,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!TryParseHostAndPort(result.GetValue(listen)!, out var listenHost, out var listenPort) || !IPAddress.TryParse(listenHost, out var listenAddress))
                return await BadInputAsync($"--listen: '{result.GetValue(listen)}' is not ADDR:PORT with an IP address and a port 0 to 65535");
            if (!TryParseHostAndPort(result.GetValue(upstream)!, out var upstreamHost, out var upstreamPort) || upstreamPort == 0)
                return await BadInputAsync($"--upstream: '{result.GetValue(upstream)}' is not HOST:PORT with a port 1 to 65535");

            IPEndPoint upstreamEndPoint;
            try
            {
                upstreamEndPoint = new IPEndPoint(await ResolveAsync(upstreamHost, cancellationToken), upstreamPort);
            }
            catch (SocketException exception)
            {
                return await BadInputAsync($"--upstream: cannot resolve '{upstreamHost}' ({exception.Message})");
            }

            LinkFaults linkFaults;
            try
            {
                linkFaults = result.GetValue(faults) is { } file ? LinkFaultsLoader.Load(file.FullName) : LinkFaults.None;
            }
            catch (CampaignFileException exception)
            {
                return await BadInputAsync($"faults file error: {exception.Message}");
            }

            var databasePath = result.GetValue(database)!.FullName;
            var keepRawFrames = result.GetValue(rawFrames);
            ResultsStore store;
            try
            {
                store = ResultsStore.Open(databasePath, new ResultsStoreOptions { KeepRawFrames = keepRawFrames });
            }
            catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
            {
                return await BadInputAsync($"--db {databasePath}: cannot open it as a results database ({exception.Message}); name another file");
            }
            using (store)
            {
                var settings = new ProxySettings(
                    new IPEndPoint(listenAddress, listenPort), upstreamEndPoint, linkFaults, result.GetValue(faults)?.FullName, keepRawFrames, result.GetValue(pcap)?.FullName);
                return await RunAsync(store, settings, cancellationToken);
            }
        });
        return command;
    }

    /// <summary>Runs until Ctrl-C; whatever happens, the run is ended and everything recorded is flushed.</summary>
    private static async Task<int> RunAsync(ResultsStore store, ProxySettings settings, CancellationToken cancellationToken)
    {
        var run = store.CreateRun("proxy", EventDetail.Json(
            ("listen", settings.Listen.ToString()), ("upstream", settings.Upstream.ToString()), ("faults", settings.FaultsFile), ("rawFrames", settings.KeepRawFrames)));
        var recorder = new FrameRecorder(store, run);
        var console = new ConsolePrinter();
        RecordingProxy? proxy = null;
        var outcome = "failed";
        try
        {
            try
            {
                proxy = RecordingProxy.Start(settings.Listen, settings.Upstream, settings.Faults, recorder);
            }
            catch (SocketException exception)
            {
                return await BadInputAsync($"--listen {settings.Listen}: cannot listen ({exception.Message}); choose another port or address");
            }

            proxy.Tap.FrameRecorded += (_, frame) =>
                console.Print($"{frame.ConnectionId} {(frame.Direction == FrameDirection.Received ? "<-" : "->")} {frame.MaskedText}");
            proxy.Tap.ConnectionOpened += (_, opened) => console.Print($"{opened.ConnectionId} connected from {opened.Remote}");
            proxy.Tap.ConnectionClosed += (_, closed) => console.Print($"{closed.ConnectionId} {closed.Reason}");
            proxy.Tap.ProtocolErrorDetected += (_, error) => console.Print($"{error.ConnectionId} !! {error.Element} at byte {error.Offset}: {error.Reason}");
            Console.WriteLine($"proxy listening on {proxy.LocalEndPoint}, forwarding to {settings.Upstream}, recording to {store.Path}; Ctrl-C stops");
            foreach (var line in settings.Faults.Describe()) Console.WriteLine($"  {line}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how this command ends: a clean stop, not a failure.
            }
            outcome = "stopped";
            return ExitCodes.Success;
        }
        finally
        {
            // Stop the link first (its connections' closings are recorded), then drain what was recorded.
            if (proxy is not null) await proxy.DisposeAsync();
            await recorder.DisposeAsync();
            store.EndRun(run, outcome);
            await console.DisposeAsync();
            if (outcome == "stopped")
            {
                Console.WriteLine($"stopped: {recorder.FramesWritten} frames recorded, {proxy!.Emulator.BytesUpstream} bytes upstream, " +
                    $"{proxy.Emulator.BytesDownstream} downstream, {proxy.Emulator.BytesBlackholed} blackholed");
                if (settings.CaptureFile is { } capturePath) RunCapture.Write(store, run, capturePath, settings.KeepRawFrames, Name);
            }
        }
    }

    /// <summary>HOST:PORT, [IPv6]:PORT; the port 0 to 65535.</summary>
    internal static bool TryParseHostAndPort(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var separator = text.LastIndexOf(':');
        if (separator <= 0) return false;
        host = text[..separator];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) return false; // an IPv6 address needs its brackets, or the port is ambiguous
        return host.Length > 0
            && int.TryParse(text.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port <= IPEndPoint.MaxPort;
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address)) return address;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<int> BadInputAsync(string message)
    {
        await Console.Error.WriteLineAsync($"{Name}: {message}");
        return ExitCodes.BadInput;
    }

    private sealed record ProxySettings(IPEndPoint Listen, IPEndPoint Upstream, LinkFaults Faults, string? FaultsFile, bool KeepRawFrames, string? CaptureFile);
}
