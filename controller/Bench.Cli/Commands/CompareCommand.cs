using System.CommandLine;
using Bench.Plots;
using Bench.Reports;
using Bench.Reports.Comparison;
using Microsoft.Data.Sqlite;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench compare RUN_A RUN_B [--out DIR]</c>: two runs' thresholds side by side (firmware A against B): a
/// table on the console and compare.png/.svg. Exit 1 when a threshold moved beyond its interval (or was found
/// in one run only), 0 when none did, 2 on bad input.
/// </summary>
public static class CompareCommand
{
    private const string Name = "bench compare";

    public static Command Create()
    {
        var runA = new Argument<string>("run-a") { Description = "Run A: its output folder or its summary.json" };
        var runB = new Argument<string>("run-b") { Description = "Run B: its output folder or its summary.json" };
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Where compare.png and compare.svg go (default: the current folder)" };
        var command = new Command("compare", "Compare two runs' thresholds and flag those that moved beyond their intervals") { runA, runB, outOption };
        command.SetAction(parseResult => Run(parseResult.GetValue(runA)!, parseResult.GetValue(runB)!, parseResult.GetValue(outOption)));
        return command;
    }

    private static int Run(string pathA, string pathB, DirectoryInfo? outDirectory)
    {
        ThresholdComparison comparison;
        PlotFont font;
        try
        {
            comparison = ThresholdComparison.Compare(RunSummarySource.Load(pathA), RunSummarySource.Load(pathB));
            font = PlotFontRegistration.RequireFiles(FontLocator.ForThisMachine().Locate());
        }
        catch (ReportInputException error)
        {
            return BadInput(error.Message);
        }
        catch (SqliteException error)
        {
            return BadInput($"not a results database ({error.Message}); name a run's output folder or its summary.json");
        }
        catch (FontNotFoundException error)
        {
            return BadInput(error.Message);
        }
        if (comparison.Thresholds.Count == 0) return BadInput($"{pathA}, {pathB}: neither run has an experiment to compare");

        var output = outDirectory?.FullName ?? Environment.CurrentDirectory;
        Console.Write(ComparisonTable.Format(comparison, pathA, pathB));
        try
        {
            var plot = new ComparisonPlotter(font).Write(comparison, RunName(pathA), RunName(pathB), output);
            Console.WriteLine($"plot:     {plot.Png} (and .svg)");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return BadInput($"--out {output}: cannot write the comparison plot ({error.Message}); choose a folder you can write to");
        }
        return comparison.AnyMoved ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>A run's short name for the plot: its folder's name (also for a summary.json in it).</summary>
    private static string RunName(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return File.Exists(full) ? Path.GetFileName(Path.GetDirectoryName(full)) ?? full : Path.GetFileName(full);
    }

    private static int BadInput(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return ExitCodes.BadInput;
    }
}
