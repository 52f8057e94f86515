namespace Bench.Campaigns.Expectations;

/// <summary>What an expectation measures about an experiment.</summary>
public enum ExpectationQuantityKind
{
    /// <summary>The experiment's measured threshold, in its kind's unit.</summary>
    Threshold,

    /// <summary>Whether the search found a threshold at all.</summary>
    ThresholdFound,

    /// <summary>How far the threshold moved against the baseline run's, in the kind's unit.</summary>
    MoveFromBaseline,

    /// <summary>How many of the experiment's transactions the checker put in one money class.</summary>
    TransactionCount,

    /// <summary>How many protocol expectations (DESIGN.md §5) the experiment's transactions broke.</summary>
    ProtocolViolations,
}
