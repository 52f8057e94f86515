namespace Bench.Reports.Comparison;

/// <summary>
/// Finds a run's summary for <c>bench compare</c>: a summary.json file, or a run's output folder (its
/// summary.json, else the latest run's summary document in its results.db).
/// </summary>
public static class RunSummarySource
{
    public const string SummaryFileName = "summary.json";

    /// <exception cref="ReportInputException">Nothing there, or nothing that is a run summary.</exception>
    public static RunSummaryDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path)) return RunSummaryDocument.Parse(Read(path), path);
        if (!Directory.Exists(path)) throw new ReportInputException($"{path}: no such file or folder; name a run's output folder or its summary.json");
        var file = Path.Combine(path, SummaryFileName);
        if (File.Exists(file)) return RunSummaryDocument.Parse(Read(file), file);
        var store = Path.Combine(path, ReportStage.StoreFileName);
        if (!File.Exists(store)) throw new ReportInputException($"{path}: holds neither {SummaryFileName} nor {ReportStage.StoreFileName}; name a run's output folder");
        using var results = Bench.Results.ResultsStore.Open(store);
        var run = results.ReadRuns().LastOrDefault() ?? throw new ReportInputException($"{store}: holds no run");
        var json = results.ReadDocument(run.Id, Bench.Results.RunDocumentNames.Summary)
            ?? throw new ReportInputException($"{store}: run {run.RunKey ?? run.Name} has no summary (it ended before one was written)");
        return RunSummaryDocument.Parse(json, $"{store} run {run.RunKey}");
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"{path}: cannot read ({error.Message})");
        }
    }
}
