using System.Globalization;
using Bench.Campaigns.Search;

namespace Bench.Cli.Benchmarks;

/// <summary>
/// What each threshold search costs, in process and in no real time, over many seeded model terminals whose threshold
/// is known. Deterministic flips: a linear sweep, plain bisection and the frugal search, with the prediction right, off
/// by known amounts, and off the range; trials and rig time per threshold. Noisy flips: the psychometric search against
/// the staircase and against a linear sweep with repeats at the same interval width, with the error against the truth.
/// </summary>
internal static class SearchBenchmark
{
    // A hostResponseDelay sweep as quickstart runs it: 0–120 s to 0.25 s.
    private const double DelayLow = 0;
    private const double DelayHigh = 120;
    private const double DelayResolution = 0.25;

    /// <summary>Rig time of a trial besides the injection: rig to safe state, swipe, sale, settle.</summary>
    private const double TrialOverheadSeconds = 10;

    private const int LinearRepeatsTried = 30;

    public static async Task<int> RunAsync(int runs, int seed, CancellationToken cancellationToken)
    {
        if (runs < 2)
        {
            await Console.Error.WriteLineAsync("bench benchmark search: --runs must be at least 2");
            return ExitCodes.BadInput;
        }

        Console.WriteLine($"Deterministic flip (hostResponseDelay-like): {Text(DelayLow)}–{Text(DelayHigh)} s to {Text(DelayResolution)} s, {runs} thresholds per scenario,");
        Console.WriteLine($"a trial costs {Text(TrialOverheadSeconds)} s + the delay, or + the whole timeout once it times out; rig time in minutes per threshold.");
        Console.WriteLine($"{"scenario",-40} {"linear",-22} {"bisection",-22} {"frugal",-22}");
        var scenarios = new (string Name, double ThresholdFrom, double ThresholdTo, double PredictionOffset)[]
        {
            ("prediction right (within 0.1 s)", 20, 100, double.NaN),
            ("prediction 0.5 s late", 20, 100, 0.5),
            ("prediction 2.5 s late (dial-up wire time)", 20, 100, 2.5),
            ("prediction 10 s early", 20, 100, -10),
            ("prediction 40 s late", 20, 60, 40),
            ("threshold above the range, predicted", 125, 140, 0),
        };
        var results = new List<(string Name, Tally Linear, Tally Bisection, Tally Frugal)>();
        foreach (var (name, from, to, offset) in scenarios)
        {
            var random = new Random(seed);
            var linear = new Tally();
            var bisection = new Tally();
            var frugal = new Tally();
            for (var run = 0; run < runs; run++)
            {
                var threshold = from + (random.NextDouble() * (to - from));
                var prediction = threshold + (double.IsNaN(offset) ? (random.NextDouble() - 0.5) * 0.2 : offset);
                linear.Add(LinearSweep(threshold), threshold);
                bisection.Add(await Measure(new BisectionSearch(DelayLow, DelayHigh, DelayResolution), threshold, cancellationToken), threshold);
                frugal.Add(await Measure(new FrugalSearch(DelayLow, DelayHigh, DelayResolution, prediction), threshold, cancellationToken), threshold);
            }

            results.Add((name, linear, bisection, frugal));
            Console.WriteLine($"{name,-40} {linear,-22} {bisection,-22} {frugal,-22}");
        }

        var wrong = results.Sum(result => result.Linear.Wrong + result.Bisection.Wrong + result.Frugal.Wrong);
        Console.WriteLine(wrong == 0 ? "every search found the known threshold (or reported it above the range)" : $"{wrong} searches missed the known threshold");
        Console.WriteLine();

        var ratios = new List<double>();
        foreach (var model in new[]
        {
            new NoisyModel("RF attenuation", "dB", 0, 60, 0.5, 25, 45, 1.0),
            new NoisyModel("host background load", "tx/s", 0, 300, 2, 120, 220, 6),
        })
        {
            ratios.Add(await CompareNoisy(model, runs, seed, cancellationToken));
        }

        var right = results[0];
        Console.WriteLine(
            $"search: frugal {Text(right.Frugal.MeanTrials)} trials (bisection {Text(right.Bisection.MeanTrials)}, linear {Text(right.Linear.MeanTrials)}); " +
            $"adaptive {Text(ratios.Min())}× fewer trials than linear at equal interval");
        return wrong == 0 ? 0 : 1;
    }

    /// <summary>Psychometric against the staircase and a linear sweep with repeats; returns linear trials ÷ psychometric trials at equal interval width.</summary>
    private static async Task<double> CompareNoisy(NoisyModel model, int runs, int seed, CancellationToken cancellationToken)
    {
        var width = model.Resolution * PsychometricSearch.DefaultIntervalWidthInResolutions;
        Console.WriteLine($"Noisy flip ({model.Name}): {Text(model.Low)}–{Text(model.High)} {model.Unit} to {Text(model.Resolution)} {model.Unit}, " +
            $"P(timeout) logistic, 50 % point uniform in {Text(model.ThresholdFrom)}–{Text(model.ThresholdTo)}, slope {Text(model.Slope)} {model.Unit}, {runs} runs");
        var random = new Random(seed);
        var psychometric = new NoisyTally();
        var staircase = new NoisyTally();
        for (var run = 0; run < runs; run++)
        {
            var threshold = model.ThresholdFrom + (random.NextDouble() * (model.ThresholdTo - model.ThresholdFrom));
            var adaptive = new PsychometricSearch(model.Low, model.High, model.Resolution, width, 400);
            psychometric.Add(await adaptive.RunAsync(model.Terminal(threshold, seed + run), cancellationToken), threshold);
            staircase.Add(await new StaircaseSearch(model.Low, model.High, model.Resolution, 40).RunAsync(model.Terminal(threshold, seed + run), cancellationToken), threshold);
        }

        Console.WriteLine($"  psychometric (interval {Text(width)} {model.Unit} requested): {psychometric}");
        Console.WriteLine($"  staircase (40 trials at most):                 {staircase}");

        // A linear sweep tries every level the same number of times; the same posterior fits it, so the widths compare.
        var fitter = new PsychometricSearch(model.Low, model.High, model.Resolution, width, 1);
        var levels = fitter.TrialLevels;
        var achieved = psychometric.MedianWidth;
        var sweepRuns = Math.Min(runs, 40);
        for (var repeats = 1; repeats <= LinearRepeatsTried; repeats++)
        {
            var sweep = new NoisyTally();
            var sweepRandom = new Random(seed);
            for (var run = 0; run < sweepRuns; run++)
            {
                var threshold = model.ThresholdFrom + (sweepRandom.NextDouble() * (model.ThresholdTo - model.ThresholdFrom));
                var outcomes = new Random(seed + run);
                var tallies = levels.Select(level => new LevelTally(
                    level, repeats, Enumerable.Range(0, repeats).Count(_ => outcomes.NextDouble() < model.TimeoutProbability(level, threshold)))).ToList();
                sweep.Add(fitter.Fit(tallies), threshold, levels.Count * repeats);
            }

            if (sweep.MedianWidth <= achieved)
            {
                var ratio = sweep.MeanTrials / psychometric.MeanTrials;
                Console.WriteLine($"  linear, {repeats} trial{(repeats == 1 ? "" : "s")} at each of {levels.Count} levels:       {sweep}");
                Console.WriteLine($"  at the psychometric's median interval ({Text(achieved)} {model.Unit}): {Text(ratio)}× fewer trials than linear");
                return ratio;
            }
        }

        var bound = levels.Count * LinearRepeatsTried / psychometric.MeanTrials;
        Console.WriteLine($"  linear did not reach the psychometric's interval with {LinearRepeatsTried} trials per level: more than {Text(bound)}× the trials");
        return bound;
    }

    private static (int Trials, double RigSeconds, double? Threshold) LinearSweep(double threshold)
    {
        var trials = 0;
        var rig = 0.0;
        for (var step = 0; DelayLow + (step * DelayResolution) <= DelayHigh + 1e-9; step++)
        {
            var delay = DelayLow + (step * DelayResolution);
            trials++;
            rig += TrialCost(delay, threshold);
            if (delay >= threshold)
            {
                return (trials, rig, delay - (DelayResolution / 2));
            }
        }

        return (trials, rig, null);
    }

    private static async Task<(int Trials, double RigSeconds, double? Threshold)> Measure(IThresholdSearch search, double threshold, CancellationToken cancellationToken)
    {
        var rig = 0.0;
        var result = await search.RunAsync(
            (delay, _) =>
            {
                rig += TrialCost(delay, threshold);
                return Task.FromResult(new TrialObservation(delay < threshold ? TrialOutcome.Approved : TrialOutcome.Timeout));
            },
            cancellationToken);
        return (result.TrialsUsed, rig, result.Status == ThresholdSearchStatus.Found ? result.Threshold : null);
    }

    /// <summary>A delay shorter than the timeout ends when the host answers; a longer one waits the whole timeout out.</summary>
    private static double TrialCost(double delay, double threshold) => TrialOverheadSeconds + Math.Min(delay, threshold);

    private static string Text(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Trials and rig time per threshold of one search over the runs of a scenario, and the runs it got wrong.</summary>
    private sealed class Tally
    {
        private readonly List<int> trials = [];
        private double rigSeconds;

        public int Wrong { get; private set; }

        public double MeanTrials => trials.Average();

        public void Add((int Trials, double RigSeconds, double? Threshold) run, double threshold)
        {
            trials.Add(run.Trials);
            rigSeconds += run.RigSeconds;
            var inRange = threshold <= DelayHigh;
            var right = inRange ? run.Threshold is { } found && Math.Abs(found - threshold) <= DelayResolution / 2 + 1e-9 : run.Threshold is null;
            if (!right) Wrong++;
        }

        public override string ToString() =>
            $"{Text(MeanTrials)} tr (max {trials.Max()}) {Text(rigSeconds / trials.Count / 60)} min";
    }

    /// <summary>Trials, interval width, error and coverage of one noisy search over the runs.</summary>
    private sealed class NoisyTally
    {
        private readonly List<int> trials = [];
        private readonly List<double> widths = [];
        private readonly List<double> errors = [];
        private int covered;
        private int notFound;

        public double MeanTrials => trials.Average();

        public double MedianWidth => widths.Count == 0 ? double.PositiveInfinity : widths.Order().ElementAt(widths.Count / 2);

        public void Add(ThresholdSearchResult result, double threshold)
        {
            trials.Add(result.TrialsUsed);
            if (result.Threshold is not { } found || result.IntervalLow is not { } low || result.IntervalHigh is not { } high)
            {
                notFound++;
                return;
            }

            Add(new PsychometricFit(found, low, high, result.Slope ?? double.NaN), threshold, null);
            trials.RemoveAt(trials.Count - 1);
            trials.Add(result.TrialsUsed);
        }

        public void Add(PsychometricFit fit, double threshold, int? trialCount)
        {
            if (trialCount is { } count) trials.Add(count);
            widths.Add(fit.IntervalWidth);
            errors.Add(Math.Abs(fit.Threshold - threshold));
            if (fit.IntervalLow <= threshold && threshold <= fit.IntervalHigh) covered++;
        }

        public override string ToString() =>
            $"{Text(MeanTrials)} trials (max {trials.Max()}), interval median {Text(MedianWidth)}, error mean {Text(errors.DefaultIfEmpty(double.NaN).Average())} " +
            $"(max {Text(errors.DefaultIfEmpty(double.NaN).Max())}), truth inside the interval {covered}/{trials.Count}{(notFound > 0 ? $", {notFound} not found" : "")}";
    }

    /// <summary>A terminal whose sale times out with logistic probability in the level.</summary>
    private sealed record NoisyModel(
        string Name, string Unit, double Low, double High, double Resolution, double ThresholdFrom, double ThresholdTo, double Slope)
    {
        public double TimeoutProbability(double level, double threshold) => 1 / (1 + Math.Exp(-(level - threshold) / Slope));

        public Func<double, CancellationToken, Task<TrialObservation>> Terminal(double threshold, int seed)
        {
            var random = new Random(seed);
            return (level, _) => Task.FromResult(new TrialObservation(
                random.NextDouble() < TimeoutProbability(level, threshold) ? TrialOutcome.Timeout : TrialOutcome.Approved));
        }
    }
}
