using System.Globalization;
using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Summary;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Bench.Cli.Display;

/// <summary>
/// The operator's console on a terminal: a live panel under the scrolling log (experiment, trial n of at most m,
/// the injection and its value, the last result, elapsed and estimated remaining rig time), redrawn as trials
/// start and end and every <see cref="RefreshPeriod"/>; then the result tables. Log lines must come through
/// <see cref="LoggerProvider"/> so they scroll above the panel. The panel is taken down however the run ends
/// (Ctrl-C included), leaving the cursor shown and the terminal as it was.
/// </summary>
public sealed class LiveRunDisplay : IRunDisplay
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMilliseconds(250);

    private readonly IAnsiConsole console;
    private readonly TimeProvider clock;
    private readonly RunProgressTracker tracker;

    public LiveRunDisplay(IAnsiConsole console, IReadOnlyList<ExperimentDefinition> experiments, TimeProvider clock)
    {
        this.console = console ?? throw new ArgumentNullException(nameof(console));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        tracker = new RunProgressTracker(experiments, clock);
        LoggerProvider = new AnsiConsoleLoggerProvider(console, clock);
    }

    /// <summary>True when standard output is a terminal a live display can redraw.</summary>
    public static bool Available => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public IProgress<TrialProgress> Progress => tracker;

    public ILoggerProvider LoggerProvider { get; }

    public async Task<T> ShowWhileAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var display = new LiveDisplay(console, Render(tracker.Snapshot())) { AutoClear = true };
        try
        {
            return await ShowAsync(display, run).ConfigureAwait(false);
        }
        catch
        {
            // A run that throws (Ctrl-C too) leaves the panel standing with the cursor at its end: what follows starts a line of its own.
            console.WriteLine();
            throw;
        }
    }

    private async Task<T> ShowAsync<T>(LiveDisplay display, Func<Task<T>> run) =>
        await display.StartAsync(async context =>
        {
            var running = run();
            using var timer = new PeriodicTimer(RefreshPeriod, clock);
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render(tracker.Snapshot()));
                context.Refresh();
                await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask()).ConfigureAwait(false);
            }
            return await running.ConfigureAwait(false);
        }).ConfigureAwait(false);

    public void WriteResults(CampaignRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        console.WriteLine();
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(
            $"Run {summary.RunId} ({summary.CampaignName}), {summary.StartedAt:u} to {summary.EndedAt:u}")) };
        foreach (var header in new[] { "experiment", "terminal", "kind", "threshold", "bracket", "timeout", "trials", "result" })
            table.AddColumn(header);
        foreach (var experiment in summary.Experiments)
            table.AddRow(Row(experiment));
        console.Write(table);
        foreach (var experiment in summary.Experiments)
            console.WriteLine($"{experiment.Name}: {experiment.Explanation}");

        if (result.Checker is { } checker)
        {
            var classes = new Table { Border = TableBorder.Rounded, Title = new TableTitle("Checker: transactions per class") };
            classes.AddColumn("class").AddColumn(new TableColumn("transactions").RightAligned());
            foreach (var tally in checker.Classes)
                classes.AddRow(Markup.Escape(MoneyChecker.ClassName(tally.Class)), tally.Count.ToString(CultureInfo.InvariantCulture));
            console.Write(classes);
            // Conservation and the first violations, worded as in the plain table.
            foreach (var line in CheckerConsole.Format(checker).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                console.Write(new Text(line.TrimEnd('\r') + Environment.NewLine, line.Contains("FAIL", StringComparison.Ordinal) ? new Style(Color.Red) : Style.Plain));
        }
        console.WriteLine();
    }

    /// <summary>The panel for one moment of the run.</summary>
    public static IRenderable Render(RunProgressSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[bold]now[/]"), new Text(ProgressText.Experiment(snapshot)));
        grid.AddRow(
            new Markup("[bold]trial[/]"),
            new Text(snapshot.Running is { } running ? ProgressText.Trial(running, snapshot.TrialBound) : "between trials"));
        if (snapshot.LastEnded is { } last)
            grid.AddRow(new Markup("[bold]last[/]"), new Text(ProgressText.Ended(last), OutcomeStyle(last.Result!.Outcome)));
        grid.AddRow(new Markup("[bold]rig time[/]"), new Text(ProgressText.Time(snapshot)));
        return new Panel(grid) { Header = new PanelHeader("bench run"), Border = BoxBorder.Rounded, Expand = true };
    }

    private static Style OutcomeStyle(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Approved => new Style(Color.Green),
        TrialOutcome.Timeout => new Style(Color.Yellow),
        _ when !outcome.IsDataPoint() => new Style(Color.Red),
        _ => Style.Plain,
    };

    private static IRenderable[] Row(ExperimentSummary experiment)
    {
        var unit = experiment.ParameterUnit;
        var bracket = experiment.Probabilistic
            ? experiment.IntervalLow is null ? "-" : $"50 % [{Number(experiment.IntervalLow)}, {Number(experiment.IntervalHigh)}] {unit}"
            : experiment.LastApproved is null && experiment.FirstTimeout is null ? "-" : $"[{Number(experiment.LastApproved)}, {Number(experiment.FirstTimeout)}] {unit}";
        var trials = experiment.RigFaults == 0 ? Number(experiment.TrialsUsed) : $"{Number(experiment.TrialsUsed)} (+{Number(experiment.RigFaults)} invalid)";
        var found = experiment.Status == ThresholdSearchStatus.Found;
        return
        [
            new Text(experiment.Name),
            new Text(experiment.TerminalModel),
            new Text(experiment.InjectionKind),
            new Text(experiment.Threshold is { } threshold ? $"{Number(threshold)} {unit}" : "-"),
            new Text(bracket),
            new Text($"{Number(experiment.ConfiguredTimeoutSeconds)} s"),
            new Text(trials),
            new Text(found ? "found" : "not found: " + experiment.Status, new Style(found ? Color.Green : Color.Red)),
        ];
    }

    private static string Number(double? value) => value is { } number ? number.ToString("0.###", CultureInfo.InvariantCulture) : "?";
}
