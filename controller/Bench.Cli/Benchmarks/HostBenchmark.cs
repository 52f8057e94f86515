using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bench.Codec;
using Bench.Host;
using Bench.Results;

namespace Bench.Cli.Benchmarks;

/// <summary>
/// Many loopback terminals, each sending a sale, awaiting its reply, and repeating, against an
/// approve-all host that records every frame. Reports approvals/s and client-measured latency.
/// </summary>
internal static class HostBenchmark
{
    public static async Task<int> RunAsync(TimeSpan duration, int connections, FileInfo? database, bool recording, TimeSpan pause, CancellationToken cancellationToken)
    {
        var temporary = database is null ? Directory.CreateTempSubdirectory("bench-host-benchmark-") : null;
        var path = database?.FullName ?? Path.Combine(temporary!.FullName, "results.db");
        try
        {
            using var store = ResultsStore.Open(path);
            var recorder = new FrameRecorder(store, store.CreateRun("benchmark host"));
            var host = new HostSimulator(new HostOptions(), HostRuleSet.ApproveAll, recorder: recording ? recorder : null);
            host.Start();
            var endPoint = host.LocalEndPoint;

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var clients = Enumerable.Range(1, connections).Select(i => RunTerminalAsync(endPoint, $"BENCH{i:D3}", pause, stop.Token)).ToArray();
            // Let every terminal connect and the JIT settle, then measure a clean window.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            foreach (var client in clients) client.Reset();
            var window = Stopwatch.StartNew();
            await Task.Delay(duration, cancellationToken);
            var elapsed = window.Elapsed;
            var latencies = clients.SelectMany(c => c.Snapshot()).ToArray();
            var approvals = clients.Sum(c => c.Approvals);
            var failures = clients.Sum(c => c.Failures);
            await stop.CancelAsync();
            await Task.WhenAll(clients.Select(c => c.Completion));

            await host.DisposeAsync();
            var flush = Stopwatch.StartNew();
            await recorder.DisposeAsync();
            Array.Sort(latencies);
            Console.WriteLine($"connections: {connections}{(pause > TimeSpan.Zero ? $" pausing {pause.TotalMilliseconds:0} ms between sales" : "")}, window: {elapsed.TotalSeconds:0.0} s, {(recording ? "recording to SQLite (WAL)" : "recording OFF")}");
            Console.WriteLine($"approvals:   {approvals / elapsed.TotalSeconds,10:N0} /s ({approvals:N0} in the window, {failures} not approved)");
            Console.WriteLine($"GC:          {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections in the run");
            Console.WriteLine($"latency:     p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, max {Percentile(latencies, 1):0.000} ms");
            Console.WriteLine($"recorded:    {recorder.FramesWritten:N0} frames in {recorder.BatchesWritten:N0} batches; final drain {flush.Elapsed.TotalMilliseconds:0} ms");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * (sorted.Length - 1)))];

    private static LoadTerminal RunTerminalAsync(IPEndPoint endPoint, string terminalId, TimeSpan pause, CancellationToken cancellationToken)
    {
        var terminal = new LoadTerminal();
        terminal.Completion = terminal.RunAsync(endPoint, terminalId, pause, cancellationToken);
        return terminal;
    }

    /// <summary>One terminal of the load: sale, reply, repeat; STAN patched in place so the client spends no time encoding.</summary>
    private sealed class LoadTerminal
    {
        private readonly Lock gate = new();
        private List<double> latencies = new(100_000);
        private long approvals;
        private long failures;

        public Task Completion { get; set; } = Task.CompletedTask;
        public long Approvals => Interlocked.Read(ref approvals);
        public long Failures => Interlocked.Read(ref failures);

        public void Reset()
        {
            lock (gate) latencies = new List<double>(100_000);
            Interlocked.Exchange(ref approvals, 0);
            Interlocked.Exchange(ref failures, 0);
        }

        public double[] Snapshot()
        {
            lock (gate) return [.. latencies];
        }

        public async Task RunAsync(IPEndPoint endPoint, string terminalId, TimeSpan pause, CancellationToken cancellationToken)
        {
            var frame = IsoCodec.Cup.EncodeFrame(BenchmarkMessages.Sale(terminalId, "000000"));
            var stanOffset = StanOffset(terminalId);
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(endPoint, cancellationToken);
            var stream = client.GetStream();
            var reader = new FrameReader(stream);
            var stan = 0;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    stan = stan % 999_999 + 1;
                    WriteStan(frame.AsSpan(stanOffset, 3), stan);
                    var started = Stopwatch.GetTimestamp();
                    await stream.WriteAsync(frame, cancellationToken);
                    var reply = await reader.ReadAsync(cancellationToken) ?? throw new IOException("host closed");
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var approved = IsoCodec.Cup.Decode(reply.Body).ResponseCode == ResponseCodes.Approved;
                    lock (gate) latencies.Add(elapsed);
                    if (approved) Interlocked.Increment(ref approvals);
                    else Interlocked.Increment(ref failures);
                    if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // The window is over.
            }
        }

        /// <summary>Where the STAN's three BCD bytes sit in the encoded frame: the only bytes that differ between two STANs.</summary>
        private static int StanOffset(string terminalId)
        {
            var first = IsoCodec.Cup.EncodeFrame(BenchmarkMessages.Sale(terminalId, "000000"));
            var second = IsoCodec.Cup.EncodeFrame(BenchmarkMessages.Sale(terminalId, "999999"));
            for (var i = 0; i < first.Length; i++)
                if (first[i] != second[i]) return i;
            throw new InvalidOperationException("the STAN does not appear in the frame");
        }

        private static void WriteStan(Span<byte> destination, int stan)
        {
            for (var i = 2; i >= 0; i--)
            {
                var pair = stan % 100;
                stan /= 100;
                destination[i] = (byte)((pair / 10) << 4 | pair % 10);
            }
        }
    }
}
