namespace Bench.Campaigns.Expectations;

/// <summary>A baseline run's thresholds, which <c>maxMoveFromBaseline</c> expectations are held against.</summary>
/// <param name="File">Full path of the baseline summary.json.</param>
/// <param name="RunId">The baseline run's id, for details and reports.</param>
public sealed record ExpectationBaseline(string File, string RunId, IReadOnlyList<BaselineThreshold> Experiments)
{
    public BaselineThreshold? Find(string experiment) =>
        Experiments.FirstOrDefault(candidate => string.Equals(candidate.Experiment, experiment, StringComparison.Ordinal));
}
