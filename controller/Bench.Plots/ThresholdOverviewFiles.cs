namespace Bench.Plots;

/// <summary>The files written for a campaign's threshold overview.</summary>
public sealed record ThresholdOverviewFiles(string Png, string Svg)
{
    public IReadOnlyList<string> All => [Png, Svg];
}
