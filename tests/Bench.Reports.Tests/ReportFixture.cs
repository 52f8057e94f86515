using Bench.Plots;
using Bench.Results;

namespace Bench.Reports.Tests;

/// <summary>The sample run in a fresh store, reported once into a fresh folder.</summary>
internal sealed class ReportFixture : IDisposable
{
    private ReportFixture(TemporaryDirectory folder, ReportFiles files)
    {
        Folder = folder;
        Files = files;
    }

    public TemporaryDirectory Folder { get; }

    public ReportFiles Files { get; }

    public string PathOf(string relative) => Path.Combine(Folder.Path, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static PlotFont Font() => FontLocator.ForThisMachine().Locate();

    /// <param name="rawFrames">Stores frame bodies byte for byte (the card number included), as <c>--raw-frames</c> does.</param>
    public static async Task<ReportFixture> CreateAsync(bool withExpectations = true, bool withChecker = true, bool rawFrames = true)
    {
        var folder = new TemporaryDirectory();
        var storePath = Path.Combine(folder.Path, ReportStage.StoreFileName);
        using (var store = ResultsStore.Open(storePath, new ResultsStoreOptions { KeepRawFrames = rawFrames }))
        {
            await SampleRun.WriteAsync(store, withExpectations, withChecker);
        }
        return new ReportFixture(folder, ReportStage.Write(storePath, null, folder.Path, Font()));
    }

    public void Dispose() => Folder.Dispose();
}
