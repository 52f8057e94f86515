namespace Bench.Reports.Plots;

/// <summary>A figure written twice: PNG (embedded in report.html) and SVG.</summary>
public sealed record PlotFiles(string Png, string Svg)
{
    public IReadOnlyList<string> All => [Png, Svg];
}
