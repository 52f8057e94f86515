namespace Bench.Campaigns.Search;

/// <summary>A threshold search: runs trials through the supplied function until it can say where the outcome flips.</summary>
public interface IThresholdSearch
{
    /// <param name="runTrial">Runs one trial at the given parameter and reports its outcome and, for an invalid trial, why.</param>
    /// <param name="cancellationToken">Stops the search between or during trials.</param>
    Task<ThresholdSearchResult> RunAsync(
        Func<double, CancellationToken, Task<TrialObservation>> runTrial, CancellationToken cancellationToken = default);
}
