namespace Bench.Campaigns.Search;

/// <summary>How a noisy flip went at one parameter level: trials with a terminal result and how many of them timed out.</summary>
public sealed record LevelTally(double Level, int Trials, int Timeouts)
{
    public double TimeoutFraction => Trials == 0 ? 0 : (double)Timeouts / Trials;
}
