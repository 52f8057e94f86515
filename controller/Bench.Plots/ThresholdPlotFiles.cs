namespace Bench.Plots;

/// <summary>The files written for one experiment.</summary>
public sealed record ThresholdPlotFiles(string OutcomePng, string OutcomeSvg, string TimeToResultPng, string TimeToResultSvg)
{
    public IReadOnlyList<string> All => [OutcomePng, OutcomeSvg, TimeToResultPng, TimeToResultSvg];
}
