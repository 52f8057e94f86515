namespace Bench.Campaigns.Experiments;

/// <summary>How an experiment's threshold is searched for (DESIGN.md §8).</summary>
public enum SearchMethod
{
    /// <summary>Deterministic flip: halve the bracket until it is narrower than the resolution.</summary>
    Bisection,

    /// <summary>Noisy flip (RF): fit P(timeout | x) adaptively. Not implemented yet.</summary>
    Psychometric,

    /// <summary>Noisy flip: a 1-up/1-down staircase around the 50 % point, repeated trials per level.</summary>
    Staircase,
}
