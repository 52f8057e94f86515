using System.CommandLine;
using System.Net;
using System.Threading.Channels;
using Bench.Host;
using Bench.Results;

namespace Bench.Cli.Commands;

/// <summary><c>bench host</c>: runs the acquirer host standalone, printing every frame (card data masked) until Ctrl-C.</summary>
public static class HostCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => 5000 };
        var rules = new Option<FileInfo?>("--rules") { Description = "Host rule set YAML (see fixtures/hosts/); approve-all when absent" };
        var database = new Option<FileInfo>("--db") { Description = "Results database to record frames and events into", DefaultValueFactory = _ => new FileInfo("host-results.db") };
        var readDeadline = new Option<double>("--read-deadline") { Description = "Seconds a frame may take to arrive once started", DefaultValueFactory = _ => 30 };

        var command = new Command("host", "Run the acquirer host simulator until Ctrl-C") { listen, port, rules, database, readDeadline };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!IPAddress.TryParse(result.GetValue(listen), out var address))
            {
                await Console.Error.WriteLineAsync($"--listen: '{result.GetValue(listen)}' is not an IP address");
                return 2;
            }
            HostRuleSet ruleSet;
            try
            {
                ruleSet = result.GetValue(rules) is { } file ? HostRuleSetLoader.LoadFile(file.FullName) : HostRuleSet.ApproveAll;
            }
            catch (HostRuleSetException exception)
            {
                await Console.Error.WriteLineAsync($"rule file error: {exception.Message}");
                return 2;
            }
            catch (IOException exception)
            {
                await Console.Error.WriteLineAsync($"cannot read the rule file: {exception.Message}");
                return 2;
            }

            using var store = ResultsStore.Open(result.GetValue(database)!.FullName);
            var run = store.CreateRun("host", EventDetail.Json(("rules", ruleSet.Name)));
            var recorder = new FrameRecorder(store, run);
            var options = new HostOptions
            {
                ListenAddress = address,
                Port = result.GetValue(port),
                FrameReadDeadline = TimeSpan.FromSeconds(result.GetValue(readDeadline)),
            };
            var host = new HostSimulator(options, ruleSet, recorder: recorder);
            var console = new ConsolePrinter();
            host.FrameReceived += (_, frame) => console.Print($"{frame.ConnectionId} <- {frame.MaskedText}");
            host.FrameSent += (_, frame) => console.Print($"{frame.ConnectionId} -> {frame.MaskedText}");
            host.ProtocolErrorDetected += (_, error) => console.Print($"{error.ConnectionId} !! protocol error: {error.Element} at byte {error.Offset}: {error.Reason}");
            host.ConnectionOpened += (_, opened) => console.Print($"{opened.ConnectionId} connected from {opened.Remote}");
            host.ConnectionClosed += (_, closed) => console.Print($"{closed.ConnectionId} closed ({closed.Reason})");
            host.Ledger.EntryAdded += (_, entry) => console.Print($"{entry.ConnectionId} ledger {entry}");

            try
            {
                host.Start();
            }
            catch (System.Net.Sockets.SocketException exception)
            {
                await Console.Error.WriteLineAsync($"cannot listen on {address}:{options.Port}: {exception.Message}");
                await recorder.DisposeAsync();
                return 3;
            }
            Console.WriteLine($"host listening on {host.LocalEndPoint}, rules '{ruleSet.Name}', recording to {store.Path}; Ctrl-C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C (Program.cs lets the command finish): fall through to a clean stop.
            }
            await host.DisposeAsync();
            await recorder.DisposeAsync();
            store.EndRun(run, "stopped");
            await console.DisposeAsync();
            var entries = host.Ledger.Entries;
            Console.WriteLine($"stopped: {recorder.FramesWritten} frames recorded, {entries.Count} ledger entries, " +
                $"net debit {host.Ledger.Keys.Sum(host.Ledger.NetDebit)} minor units");
            return 0;
        });
        return command;
    }

    /// <summary>Prints lines from a background task, so a slow terminal window never slows the host's read loops.</summary>
    private sealed class ConsolePrinter : IAsyncDisposable
    {
        private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task printer;

        public ConsolePrinter() => printer = Task.Run(PrintAsync);

        public void Print(string line) => lines.Writer.TryWrite($"{DateTime.Now:HH:mm:ss.fff} {line}");

        public async ValueTask DisposeAsync()
        {
            lines.Writer.TryComplete();
            await printer;
        }

        private async Task PrintAsync()
        {
            await foreach (var line in lines.Reader.ReadAllAsync()) Console.WriteLine(line);
        }
    }
}
