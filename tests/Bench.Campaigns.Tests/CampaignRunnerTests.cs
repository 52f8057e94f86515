using System.Text.Json;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Campaigns.Tests;

public sealed class CampaignRunnerTests
{
    /// <summary>
    /// A terminal that times out once the host delay reaches its configured response timeout.
    /// Clock time advances by each trial's terminal time so start and end differ.
    /// </summary>
    private sealed class FakeExecutor(FakeTimeProvider clock, Func<double, TrialOutcome?>? outcomeOverride = null) : ITrialExecutor
    {
        public List<(string Experiment, string Model, double Parameter)> Calls { get; } = [];

        public Task<TrialResult> RunTrialAsync(ExperimentDefinition experiment, double parameterValue, CancellationToken cancellationToken)
        {
            Calls.Add((experiment.Name, experiment.Terminal.Model, parameterValue));
            var timeout = experiment.Terminal.ResponseTimeout.TotalSeconds;
            var outcome = outcomeOverride?.Invoke(parameterValue) ?? (parameterValue < timeout ? TrialOutcome.Approved : TrialOutcome.Timeout);
            var timeToResult = Math.Min(parameterValue, timeout) + 0.4;
            clock.Advance(TimeSpan.FromSeconds(timeToResult / experiment.Terminal.SimulationTimeScale));
            return Task.FromResult(new TrialResult(
                outcome,
                timeToResult,
                parameterValue,
                outcome == TrialOutcome.Approved ? experiment.AmountMinorUnits : 0));
        }
    }

    private static readonly DateTimeOffset Start = new(2025, 6, 1, 20, 0, 0, TimeSpan.Zero);

    private static CampaignDefinition TwoModels() =>
        SampleData.Campaign(
            SampleData.Experiment("pax-host-delay"),
            SampleData.Experiment("vx520-host-delay", SampleData.Terminal("Verifone VX520", 30)));

    private static CampaignRunner Runner(ITrialExecutor executor, TimeProvider clock) =>
        new(executor, clock);

    [Test]
    public async Task Runs_each_experiment_and_writes_summary_table_and_plots()
    {
        using var output = new TemporaryDirectory();
        var clock = new FakeTimeProvider(Start);
        var executor = new FakeExecutor(clock);

        var result = await Runner(executor, clock).RunAsync(TwoModels(), output.Path);

        Assert.That(result.Summary.RunId, Is.EqualTo("20250601-200000-sample"));
        Assert.That(result.Summary.StartedAt, Is.EqualTo(Start));
        Assert.That(result.Summary.EndedAt, Is.GreaterThan(Start));
        Assert.That(result.SummaryFile, Is.EqualTo(Path.Combine(output.Path, "summary.json")));
        Assert.That(File.Exists(result.SummaryFile), Is.True);

        var pax = result.Summary.Experiments[0];
        var vx520 = result.Summary.Experiments[1];
        Assert.Multiple(() =>
        {
            Assert.That(pax.Status, Is.EqualTo(ThresholdSearchStatus.Found));
            Assert.That(pax.Threshold, Is.EqualTo(60).Within(0.25));
            Assert.That(pax.ConfiguredTimeoutSeconds, Is.EqualTo(60));
            Assert.That(pax.TimeScale, Is.EqualTo(20), "the profile's time scale: every time in the summary is terminal time");
            Assert.That(vx520.Threshold, Is.EqualTo(30).Within(0.25));
            Assert.That(vx520.TerminalModel, Is.EqualTo("Verifone VX520"));
            Assert.That(vx520.ConfiguredTimeoutSeconds, Is.EqualTo(30));
        });

        Assert.That(executor.Calls.Where(call => call.Experiment == "vx520-host-delay").Select(call => call.Model), Has.All.EqualTo("Verifone VX520"));
        Assert.That(result.Experiments[0].Trials, Has.Count.EqualTo(pax.TrialsUsed));
        Assert.That(result.Experiments[0].Trials.Select(trial => trial.Parameter), Is.EqualTo(result.Experiments[0].Search.Trials.Select(trial => trial.Parameter)));
        // The runner only records; the report stage (Bench.Reports) draws the plots from the store.
        Assert.That(Directory.GetFiles(output.Path, "*.png"), Is.Empty);
        Assert.That(result.ConsoleTable, Does.Contain("pax-host-delay").And.Contain("vx520-host-delay"));

        using var json = JsonDocument.Parse(File.ReadAllText(result.SummaryFile));
        Assert.That(json.RootElement.GetProperty("experiments").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_repeated_rig_fault_aborts_that_experiment_only()
    {
        using var output = new TemporaryDirectory();
        var clock = new FakeTimeProvider(Start);
        var executor = new FakeExecutor(clock, parameter => parameter == 60 ? TrialOutcome.RigFault : null);

        var result = await Runner(executor, clock).RunAsync(SampleData.Campaign(SampleData.Experiment()), output.Path, runId: "nightly-7");

        var summary = result.Summary.Experiments.Single();
        Assert.That(result.Summary.RunId, Is.EqualTo("nightly-7"));
        Assert.That(summary.Status, Is.EqualTo(ThresholdSearchStatus.Aborted));
        Assert.That(summary.RigFaults, Is.EqualTo(2));
        Assert.That(summary.TrialsUsed, Is.Zero);
    }

    [Test]
    public async Task A_psychometric_experiment_runs_and_reports_its_slope_and_method()
    {
        using var output = new TemporaryDirectory();
        var clock = new FakeTimeProvider(Start);
        var experiment = SampleData.Experiment() with { SearchMethod = SearchMethod.Psychometric, IntervalWidth = 2, MaximumTrials = 200 };

        var result = await Runner(new FakeExecutor(clock), clock).RunAsync(SampleData.Campaign(experiment), output.Path);

        var summary = result.Summary.Experiments.Single();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Status, Is.EqualTo(ThresholdSearchStatus.Found), summary.Explanation);
            Assert.That(summary.SearchMethod, Is.EqualTo("psychometric"));
            Assert.That(summary.Probabilistic, Is.True);
            Assert.That(summary.Slope, Is.Not.Null);
            Assert.That(summary.IntervalHigh - summary.IntervalLow, Is.LessThan(2));
            Assert.That(File.ReadAllText(result.SummaryFile), Does.Contain("\"searchMethod\": \"psychometric\"").And.Contain("\"slope\""));
        });
    }
}
