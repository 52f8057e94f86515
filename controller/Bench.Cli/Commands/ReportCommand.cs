using System.CommandLine;
using Bench.Plots;
using Bench.Reports;
using Bench.Results;
using Microsoft.Data.Sqlite;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench report DIR [--run KEY]</c>: rebuilds every output of a run (summary.json, checker.json, plots,
/// timelines, report.html, junit.xml, trials.csv, frames.csv) from DIR/results.db alone, for a finished,
/// interrupted or resumed run. Exit 0 when written, 2 when there is no store, no such run or no font.
/// </summary>
public static class ReportCommand
{
    private const string Name = "bench report";

    public static Command Create()
    {
        var folderArgument = new Argument<DirectoryInfo>("folder") { Description = "A run's output folder (holding results.db)" };
        var runOption = new Option<string>("--run") { Description = "The run to report: its run id (as summary.json names it) or number; default: the latest run" };
        var command = new Command("report", "Rebuild a run's outputs (plots, report.html, junit.xml, CSV) from its results.db") { folderArgument, runOption };
        command.SetAction(parseResult => Run(parseResult.GetValue(folderArgument)!, parseResult.GetValue(runOption)));
        return command;
    }

    private static int Run(DirectoryInfo folder, string? runKey)
    {
        var storePath = Path.Combine(folder.FullName, ReportStage.StoreFileName);
        if (!File.Exists(storePath))
        {
            return BadInput(Directory.Exists(folder.FullName)
                ? $"{folder.FullName}: no results store ({ReportStage.StoreFileName}) in it; name the output folder of a bench run"
                : $"{folder.FullName}: no such folder; name the output folder of a bench run");
        }
        PlotFont font;
        try
        {
            font = PlotFontRegistration.RequireFiles(FontLocator.ForThisMachine().Locate());
        }
        catch (FontNotFoundException error)
        {
            return BadInput(error.Message);
        }
        try
        {
            using var store = ResultsStore.Open(storePath);
            var runId = runKey is null ? (long?)null : ReportRun.FindRun(store, runKey);
            var files = ReportStage.Write(store, runId, folder.FullName, font);
            Console.WriteLine($"run:      {files.RunKey}");
            RunReport.Print(files);
            return ExitCodes.Success;
        }
        catch (ReportInputException error)
        {
            return BadInput(error.Message);
        }
        catch (SqliteException error)
        {
            return BadInput($"{storePath}: not a results database ({error.Message})");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return BadInput($"{folder.FullName}: cannot write the report ({error.Message}); choose a folder you can write to");
        }
    }

    private static int BadInput(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return ExitCodes.BadInput;
    }
}
