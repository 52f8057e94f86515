using System.CommandLine;

namespace Bench.Cli.Benchmarks;

/// <summary><c>bench benchmark codec|host|timing|search</c>: throughput figures for the codec and the host, timing accuracy of the bench, trials and rig time of the threshold searches. Run in Release.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long each measurement runs", DefaultValueFactory = _ => 3 };
        var codec = new Command("codec", "Decode and encode rates of a realistic 0200 sale (track 2, MAC), one thread") { seconds };
        codec.SetAction((ParseResult result) => CodecBenchmark.Run(TimeSpan.FromSeconds(result.GetValue(seconds))));

        var hostSeconds = new Option<double>("--seconds") { Description = "How long the load runs", DefaultValueFactory = _ => 10 };
        var connections = new Option<int>("--connections") { Description = "Concurrent loopback terminals", DefaultValueFactory = _ => 100 };
        var database = new Option<FileInfo?>("--db") { Description = "Results database for the recording (a temporary file when absent)" };
        var noRecording = new Option<bool>("--no-recording") { Description = "Diagnostic: run without the recorder, to see what recording costs" };
        var pause = new Option<int>("--pause-ms") { Description = "Each terminal's pause between reply and next sale (0: as fast as the host answers)", DefaultValueFactory = _ => 0 };
        var host = new Command("host", "Sustained approvals/s and client-measured reply latency, recording on") { hostSeconds, connections, database, noRecording, pause };
        host.SetAction((ParseResult result, CancellationToken cancellationToken) => HostBenchmark.RunAsync(
            TimeSpan.FromSeconds(result.GetValue(hostSeconds)), result.GetValue(connections), result.GetValue(database), !result.GetValue(noRecording), TimeSpan.FromMilliseconds(result.GetValue(pause)), cancellationToken));

        var trials = new Option<int>("--trials") { Description = "Sales, the host delay spread evenly over 2 s to the response timeout + 5 s", DefaultValueFactory = _ => 40 };
        var terminal = new Option<FileInfo>("--terminal")
        {
            Description = "Terminal profile to simulate",
            DefaultValueFactory = _ => new FileInfo("fixtures/terminals/verifone-vx520-ethernet.yaml"),
        };
        var scale = new Option<double?>("--scale") { Description = "Simulation time scale, overriding the profile's" };
        var timing = new Command("timing", "Bench-measured request-to-reply and request-to-result times against the simulated terminal's own clock") { trials, terminal, scale };
        timing.SetAction((ParseResult result, CancellationToken cancellationToken) => TimingBenchmark.RunAsync(
            result.GetValue(trials), result.GetValue(terminal)!, result.GetValue(scale), cancellationToken));

        var runs = new Option<int>("--runs") { Description = "Seeded model terminals per scenario", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the model terminals", DefaultValueFactory = _ => 1 };
        var search = new Command("search", "Trials and rig time of the threshold searches against model terminals with known thresholds, in no real time") { runs, seed };
        search.SetAction((ParseResult result, CancellationToken cancellationToken) => SearchBenchmark.RunAsync(
            result.GetValue(runs), result.GetValue(seed), cancellationToken));

        return new Command("benchmark", "Measure codec and host throughput, the bench's timing accuracy, and what threshold searches cost") { codec, host, timing, search };
    }
}
