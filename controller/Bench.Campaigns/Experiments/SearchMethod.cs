namespace Bench.Campaigns.Experiments;

/// <summary>How an experiment's threshold is searched for (DESIGN.md §8).</summary>
public enum SearchMethod
{
    /// <summary>Deterministic flip: halve the bracket until it is narrower than the resolution.</summary>
    Bisection,

    /// <summary>Noisy flip (RF, host load): a grid posterior over a logistic P(timeout | x), each trial where it informs most.</summary>
    Psychometric,

    /// <summary>Noisy flip: a 1-up/1-down staircase around the 50 % point, repeated trials per level.</summary>
    Staircase,

    /// <summary>Deterministic flip with a prediction: bracket the predicted threshold, gallop, bisect, confirm.</summary>
    Frugal,
}
