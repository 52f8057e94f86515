namespace Bench.Campaigns.Search;

/// <summary>How a threshold search ended.</summary>
public enum ThresholdSearchStatus
{
    /// <summary>The flip lies inside the range; the bracket is at most the resolution wide.</summary>
    Found,

    /// <summary>Not found below: the terminal already timed out at the lower end of the range.</summary>
    NotFoundTimeoutAtLowerBound,

    /// <summary>Not found above: the terminal was still approved at the upper end of the range.</summary>
    NotFoundApprovedAtUpperBound,

    /// <summary>The search stopped early (repeated rig fault, unexpected decline); see the explanation.</summary>
    Aborted,

    /// <summary>For a kind approved above its threshold: already approved at the lower bound.</summary>
    NotFoundApprovedAtLowerBound,

    /// <summary>For a kind approved above its threshold: still no approval at the upper bound.</summary>
    NotFoundTimeoutAtUpperBound,

    /// <summary>
    /// A confirmation trial at an end of the found bracket did not repeat its outcome: the flip is not deterministic at
    /// the requested resolution (noisy or non-monotone), so no threshold is claimed.
    /// </summary>
    Contradicted,
}
