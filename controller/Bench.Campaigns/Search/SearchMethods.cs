using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Search;

/// <summary>Which search methods an experiment kind may use, which one it gets by default, and their names in campaign files.</summary>
public static class SearchMethods
{
    /// <summary>Every method by its name in campaign files.</summary>
    public static IReadOnlyList<SearchMethod> All { get; } = [SearchMethod.Bisection, SearchMethod.Frugal, SearchMethod.Staircase, SearchMethod.Psychometric];

    /// <summary>The method's name in campaign files and summary.json, e.g. <c>frugal</c>.</summary>
    public static string Name(SearchMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The method a campaign file names; null for an unknown name.</summary>
    public static SearchMethod? Parse(string name) => All.Cast<SearchMethod?>().FirstOrDefault(method => Name(method!.Value) == name);

    /// <summary>
    /// The kind's own methods plus their refinements: frugal wherever bisection fits (a deterministic flip), psychometric
    /// wherever the staircase fits (a noisy one).
    /// </summary>
    public static IReadOnlyList<SearchMethod> Supported(ExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var supported = new List<SearchMethod>(kind.SupportedSearchMethods);
        if (supported.Contains(SearchMethod.Bisection) && !supported.Contains(SearchMethod.Frugal)) supported.Add(SearchMethod.Frugal);
        if (supported.Contains(SearchMethod.Staircase) && !supported.Contains(SearchMethod.Psychometric)) supported.Add(SearchMethod.Psychometric);
        return supported;
    }

    /// <summary>
    /// The method an experiment gets when its campaign names none: the kind's own (bisection or staircase). Frugal is not
    /// the default yet: in the end-to-end runs on the simulated terminals its confirmation of the approved end, half a
    /// resolution below the flip and right after a timed-out sale, came out contradicted; whether from the pending
    /// reversal that sale leaves or from timing jitter of the time-scaled simulation on a loaded machine is not settled.
    /// A noisy flip keeps the staircase: the psychometric search is more accurate and its interval honest, but it spends
    /// about twice the trials (<c>bench benchmark search</c>).
    /// </summary>
    public static SearchMethod Default(ExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.DefaultSearchMethod;
    }
}
