using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Cli.Benchmarks;

/// <summary>
/// How accurately the bench times a terminal. Sales run through <see cref="StationTrialExecutor"/>, exactly
/// as in a campaign, with the host holding its reply for known delays on both sides of the response timeout;
/// each trial's bench measurements are then compared with the simulated terminal's own console clock.
/// </summary>
internal static class TimingBenchmark
{
    private const string RigFile = "fixtures/rigs/simulated.yaml";
    private const string CardFile = "fixtures/cards/unionpay-test-debit.yaml";
    private const long AmountMinorUnits = 100;
    private const double ShortestDelaySeconds = 2;

    /// <summary>How far past the response timeout the longest delay goes, so the longest trials time out.</summary>
    private static readonly TimeSpan DelayBeyondTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Terminal time after each trial, as quickstart uses, so a timed-out sale's reversal does not overlap the next request.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(int trials, FileInfo terminalFile, double? scale, CancellationToken cancellationToken)
    {
        if (trials < 2 || scale is { } requested && !(double.IsFinite(requested) && requested > 0))
        {
            await Console.Error.WriteLineAsync("bench benchmark timing: --trials must be at least 2 and --scale positive");
            return ExitCodes.BadInput;
        }
        RigDefinition rig;
        TerminalProfile profile;
        TestCardDefinition card;
        try
        {
            rig = RigDefinitionLoader.Load(RigFile);
            profile = TerminalProfileLoader.Load(terminalFile.FullName);
            card = TestCardLoader.Load(CardFile);
        }
        catch (CampaignFileException error)
        {
            await Console.Error.WriteLineAsync($"bench benchmark timing: {error.Message} (run from the repository root)");
            return ExitCodes.BadInput;
        }
        if (scale is { } overridden) profile = profile with { SimulationTimeScale = overridden };
        var timeScale = profile.SimulationTimeScale;
        var delays = Delays(trials, ShortestDelaySeconds, (profile.ResponseTimeout + DelayBeyondTimeout).TotalSeconds);
        var experiment = new ExperimentDefinition(
            "timing benchmark", ExperimentKinds.HostResponseDelay, new ParameterRange(delays.Min(), delays.Max()), Resolution: 0,
            SearchMethod.Bisection, Settle, AmountMinorUnits, terminalFile.FullName, profile);

        var temporary = Directory.CreateTempSubdirectory("bench-timing-benchmark-");
        try
        {
            using var loggers = ConsoleLogging.Create(verbose: false);
            // Recorded as a campaign records, so the recorder's load on the host is part of what is measured.
            using var store = ResultsStore.Open(Path.Combine(temporary.FullName, "results.db"));
            await using var recorder = new FrameRecorder(store, store.CreateRun("benchmark timing"));
            await using var stations = new SimulatedStationFactory(
                rig, card, HostRuleSet.ApproveAll, Path.Combine(temporary.FullName, "flash"), recorder, loggers: loggers);
            var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue(), loggers.CreateLogger<StationTrialExecutor>());

            var station = await stations.OpenAsync(profile, cancellationToken);
            var terminal = stations.OpenStations.Single().Terminal;
            Console.WriteLine($"terminal:    {profile.Model} ({terminalFile.Name}), response timeout {profile.ResponseTimeout.TotalSeconds:0} s, time scale {timeScale:0.##}x");
            Console.WriteLine($"host delays: {trials} trials, {delays.Min():0.0} to {delays.Max():0.0} s terminal time, shuffled; one uncounted warm-up sale first");

            // The first sale JIT-compiles the whole path; a campaign's first trial pays that too, but it says nothing about steady timing.
            await executor.RunTrialAsync(experiment, ShortestDelaySeconds, cancellationToken);

            var measured = new List<TimingTrial>(trials);
            foreach (var delay in delays)
            {
                using var traffic = new HostTrafficObserver(station.Host);
                var result = await executor.RunTrialAsync(experiment, delay, cancellationToken);
                var hostReceivedRequest = result.Stan is { } stan && traffic.Find(FrameDirection.Received, MessageTypes.FinancialRequest, stan) is not null;
                var trial = new TimingTrial(delay, result, TerminalTimeline.Find(terminal.ConsoleLines, result.Stan), hostReceivedRequest);
                measured.Add(trial);
                Console.WriteLine($"  delay {delay,6:0.00} s  {result.TerminalResult ?? result.Outcome.ToString(),-12} "
                    + $"reply error {WallMilliseconds(trial.RequestToReplyErrorSeconds, timeScale)}  "
                    + $"result error {WallMilliseconds(trial.RequestToResultErrorSeconds, timeScale)}  "
                    + $"injection error {WallMilliseconds(trial.InjectionErrorSeconds, timeScale)}  (wall ms, signed)");
            }

            Console.WriteLine();
            PrintTable(measured, timeScale);
            var faults = measured.Count(trial => !trial.Bench.Outcome.IsDataPoint());
            if (faults == 0) return ExitCodes.Success;
            // At a high enough scale the rig's swipe and the ECR round trips no longer fit the terminal's timers.
            await Console.Error.WriteLineAsync($"bench benchmark timing: {faults} of {measured.Count} trials were rig faults (no card read, busy or bench error); try a lower --scale");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Evenly spaced from <paramref name="shortest"/> to <paramref name="longest"/>, then shuffled with a fixed
    /// seed: repeatable, and any drift over the run does not line up with the delay.
    /// </summary>
    private static double[] Delays(int count, double shortest, double longest)
    {
        var delays = Enumerable.Range(0, count).Select(i => shortest + (longest - shortest) * i / (count - 1)).ToArray();
        new Random(8583).Shuffle(delays);
        return delays;
    }

    private static void PrintTable(IReadOnlyList<TimingTrial> trials, double timeScale)
    {
        var outcomes = trials.GroupBy(trial => trial.Bench.TerminalResult ?? trial.Bench.Outcome.ToString())
            .Select(group => $"{group.Count()} {group.Key}");
        Console.WriteLine($"outcomes: {string.Join(", ", outcomes)}");
        Console.WriteLine($"error = |bench - reference| in wall ms; terminal ms = wall ms x {timeScale:0.##} (the time scale)");
        Console.WriteLine();
        Console.WriteLine($"{"measure",-40} {"n",4} {"p50",8} {"p99",8} {"max",8} {"bias",8} | {"p50",8} {"p99",8} {"max",8}");
        Console.WriteLine($"{"",-40} {"",4} {"wall ms",8} {"wall ms",8} {"wall ms",8} {"wall ms",8} | {"term ms",8} {"term ms",8} {"term ms",8}");
        PrintRow("request-to-reply vs terminal TX->RX", trials.Select(trial => trial.RequestToReplyErrorSeconds), timeScale);
        PrintRow("request-to-result vs terminal TX->RESULT", trials.Select(trial => trial.RequestToResultErrorSeconds), timeScale);
        PrintRow("request-to-reply vs configured delay", trials.Select(trial => trial.InjectionErrorSeconds), timeScale);
        Console.WriteLine("bias: median of (bench - reference), signed; positive when the bench measures longer");
    }

    private static void PrintRow(string measure, IEnumerable<double?> terminalSecondsErrors, double timeScale)
    {
        var wall = terminalSecondsErrors.OfType<double>().Select(error => error / timeScale * 1000).ToArray();
        var magnitudes = ErrorDistribution.OfMagnitudes(wall);
        var bias = ErrorDistribution.Percentile(wall.Order().ToArray(), 0.5);
        var terminal = magnitudes.Times(timeScale);
        if (magnitudes.Count == 0)
        {
            Console.WriteLine($"{measure,-40} {0,4}   (no trial had both measurements)");
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{measure,-40} {magnitudes.Count,4} {magnitudes.Median,8:0.000} {magnitudes.Percentile99,8:0.000} {magnitudes.Maximum,8:0.000} {bias,8:+0.000;-0.000} | {terminal.Median,8:0.00} {terminal.Percentile99,8:0.00} {terminal.Maximum,8:0.00}"));
    }

    private static string WallMilliseconds(double? terminalSeconds, double timeScale) =>
        terminalSeconds is { } seconds ? (seconds / timeScale * 1000).ToString("+0.000;-0.000", CultureInfo.InvariantCulture).PadLeft(8) : "       -";
}
