using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Campaigns.Fixtures;
using Bench.Codec;
using Bench.Fixtures;
using Bench.Hardware;
using Bench.Host;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Cli.Commands;

/// <summary><c>bench host</c>: runs the acquirer host standalone, printing every frame (card data masked) until Ctrl-C.</summary>
public static class HostCommand
{
    /// <summary>The longest read deadline accepted: a day, like the longest rule delay; longer only hides a stuck peer.</summary>
    private const double LongestReadDeadlineSeconds = 86_400;

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port, 0 to 65535 (0 picks a free one)", DefaultValueFactory = _ => 5000 };
        var rules = new Option<FileInfo?>("--rules") { Description = "Host rule set YAML (see fixtures/hosts/); approve-all when absent" };
        var database = new Option<FileInfo>("--db") { Description = "Results database to record frames and events into", DefaultValueFactory = _ => new FileInfo("host-results.db") };
        var rawFrames = new Option<bool>("--raw-frames") { Description = "Store (and capture) frame bodies byte for byte, card numbers and tracks included (default: card digits masked)" };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write the recorded frames as a pcap capture when stopped" };
        var readDeadline = new Option<double>("--read-deadline")
        {
            Description = $"Seconds a frame may take to arrive once started (more than 0, at most {LongestReadDeadlineSeconds:0})",
            DefaultValueFactory = _ => 30,
        };

        var terminals = new Option<FileInfo[]>("--terminal")
        {
            Description = "A terminal profile (repeatable): the host wraps that terminal's working keys under its masterKeyFile's key and checks its MACs with them",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("host", "Run the acquirer host simulator until Ctrl-C") { listen, port, rules, terminals, database, readDeadline, rawFrames, pcap };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!IPAddress.TryParse(result.GetValue(listen), out var address))
                return await BadInputAsync($"--listen: '{result.GetValue(listen)}' is not an IP address");
            var portNumber = result.GetValue(port);
            if (portNumber is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
                return await BadInputAsync($"--port: {portNumber} is not a TCP port (0 to 65535; 0 picks a free one)");
            var deadlineSeconds = result.GetValue(readDeadline);
            // IsFinite first: NaN passes every comparison.
            if (!double.IsFinite(deadlineSeconds) || deadlineSeconds <= 0 || deadlineSeconds > LongestReadDeadlineSeconds)
                return await BadInputAsync($"--read-deadline: {deadlineSeconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds above 0 and at most {LongestReadDeadlineSeconds:0}");

            HostRuleSet ruleSet;
            try
            {
                ruleSet = result.GetValue(rules) is { } file ? HostRuleSetLoader.LoadFile(file.FullName) : HostRuleSet.ApproveAll;
            }
            catch (HostRuleSetException exception)
            {
                // The message is file:line:column: key.path: problem; a missing or unreadable file is reported the same way.
                return await BadInputAsync($"--rules: {exception.Message}");
            }

            var masterKeys = new Dictionary<string, TerminalMasterKey>(StringComparer.Ordinal);
            foreach (var profileFile in result.GetValue(terminals) ?? [])
            {
                TerminalProfile profile;
                try
                {
                    profile = TerminalProfileLoader.Load(profileFile.FullName);
                }
                catch (CampaignFileException exception)
                {
                    return await BadInputAsync($"--terminal: {exception.Message}");
                }
                if (profile.MasterKey is not { } masterKey)
                    return await BadInputAsync($"--terminal {profileFile.FullName}: the profile names no masterKeyFile, so there is no key to wrap its working keys under");
                if (masterKeys.TryGetValue(profile.TerminalId, out var earlier) && !earlier.Equals(masterKey))
                    return await BadInputAsync($"--terminal {profileFile.FullName}: terminal {profile.TerminalId} is already given with another master key (check value {earlier.CheckValue})");
                masterKeys[profile.TerminalId] = masterKey;
            }

            var options = new HostOptions
            {
                ListenAddress = address,
                Port = portNumber,
                FrameReadDeadline = TimeSpan.FromSeconds(deadlineSeconds),
                TerminalMasterKeys = masterKeys,
            };
            var databasePath = result.GetValue(database)!.FullName;
            ResultsStore store;
            try
            {
                store = ResultsStore.Open(databasePath, new ResultsStoreOptions { KeepRawFrames = result.GetValue(rawFrames) });
            }
            catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
            {
                return await BadInputAsync($"--db {databasePath}: cannot open it as a results database ({exception.Message}); name another file");
            }
            using (store)
                return await RunAsync(store, ruleSet, options, result.GetValue(pcap)?.FullName, result.GetValue(rawFrames), cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the host until Ctrl-C; whatever happens, the run is ended and everything recorded is flushed.</summary>
    private static async Task<int> RunAsync(
        ResultsStore store, HostRuleSet ruleSet, HostOptions options, string? capturePath, bool keepRawFrames, CancellationToken cancellationToken)
    {
        var run = store.CreateRun("host", EventDetail.Json(("rules", ruleSet.Name)));
        var recorder = new FrameRecorder(store, run);
        var host = new HostSimulator(options, ruleSet, recorder: recorder);
        var console = new ConsolePrinter();
        host.FrameReceived += (_, frame) => console.Print($"{frame.ConnectionId} <- {frame.MaskedText}");
        host.FrameSent += (_, frame) => console.Print($"{frame.ConnectionId} -> {frame.MaskedText}");
        host.ProtocolErrorDetected += (_, error) => console.Print($"{error.ConnectionId} !! protocol error: {error.Element} at byte {error.Offset}: {error.Reason}");
        host.ConnectionOpened += (_, opened) => console.Print($"{opened.ConnectionId} connected from {opened.Remote}");
        host.ConnectionClosed += (_, closed) => console.Print($"{closed.ConnectionId} closed ({closed.Reason})");
        host.Ledger.EntryAdded += (_, entry) => console.Print($"{entry.ConnectionId} ledger {entry}");

        var outcome = "failed";
        try
        {
            try
            {
                host.Start();
            }
            catch (SocketException exception)
            {
                return await BadInputAsync($"--listen {options.ListenAddress} --port {options.Port}: cannot listen ({exception.Message}); choose another port or address");
            }
            Console.WriteLine($"host listening on {host.LocalEndPoint}, rules '{ruleSet.Name}' ({ruleSet.MacCheck}" +
                $"{(ruleSet.Capacity is { } capacity ? $", capacity {capacity}" : "")}), recording to {store.Path}; Ctrl-C stops");
            foreach (var (terminalId, masterKey) in options.TerminalMasterKeys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                Console.WriteLine($"terminal {terminalId}: working keys wrapped under its master key (check value {masterKey.CheckValue})");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how this command ends (Program.cs lets it finish): a clean stop, not a failure.
            }
            outcome = "stopped";
            return ExitCodes.Success;
        }
        finally
        {
            // Stop the host first (closing connections, cancelling held replies), then drain what it recorded.
            await host.DisposeAsync();
            await recorder.DisposeAsync();
            store.EndRun(run, outcome);
            await console.DisposeAsync();
            if (outcome == "stopped")
            {
                Console.WriteLine($"stopped: {recorder.FramesWritten} frames recorded, {host.Ledger.Entries.Count} ledger entries, " +
                    $"net debit {host.Ledger.Keys.Sum(host.Ledger.NetDebit)} minor units");
                if (capturePath is not null) RunCapture.Write(store, run, capturePath, keepRawFrames, "bench host");
            }
        }
    }

    private static async Task<int> BadInputAsync(string message)
    {
        await Console.Error.WriteLineAsync($"bench host: {message}");
        return ExitCodes.BadInput;
    }
}
