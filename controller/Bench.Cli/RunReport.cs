using Bench.Plots;
using Bench.Reports;
using Bench.Results;

namespace Bench.Cli;

/// <summary>Runs the report stage at the end of <c>bench run</c> (or for <c>bench report</c>) and says on the console what it wrote.</summary>
internal static class RunReport
{
    /// <summary>
    /// Writes every output of the run from the store. A file that cannot be written is one line on stderr, not a
    /// failed run of its own (the results are in the store; <c>bench report</c> writes them again); returns null then.
    /// </summary>
    public static ReportFiles? Write(ResultsStore store, long runId, string output, PlotFont font, string commandName)
    {
        try
        {
            var files = ReportStage.Write(store, runId, output, font);
            Print(files);
            return files;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or ReportInputException)
        {
            Console.Error.WriteLine($"{commandName}: {output}: cannot write the report ({exception.Message}); the results are in {store.Path}: bench report {output}");
            return null;
        }
    }

    public static void Print(ReportFiles files)
    {
        foreach (var experiment in files.Experiments)
            Console.WriteLine($"plots:    {experiment.Thresholds.OutcomePng}, {experiment.Thresholds.TimeToResultPng}, {experiment.Latency.Png} (and .svg)");
        if (files.Overview is { } overview) Console.WriteLine($"thresholds: {overview.Png} (and .svg)");
        if (files.Timelines.Count > 0)
            Console.WriteLine($"timelines: {files.Timelines.Count} in {Path.Combine(files.Directory, Bench.Reports.Timelines.TimelineNames.Folder)}");
        Console.WriteLine($"report:   {files.Html}");
        Console.WriteLine($"junit:    {files.JUnit}");
        Console.WriteLine($"csv:      {files.TrialsCsv}, {files.FramesCsv}");
    }
}
