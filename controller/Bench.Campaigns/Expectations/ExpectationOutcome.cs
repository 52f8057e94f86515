namespace Bench.Campaigns.Expectations;

/// <summary>How an expectation came out (summary.json <c>verdict</c>: <c>pass</c>, <c>fail</c>, <c>marginal</c>).</summary>
public enum ExpectationOutcome
{
    /// <summary>The measurement and its whole interval lie inside the limits.</summary>
    Pass,

    /// <summary>The measurement lies outside the limits, or could not be made.</summary>
    Fail,

    /// <summary>The measurement lies inside the limits, but its own interval (bracket or 95 % interval) reaches past one: not a failure.</summary>
    Marginal,
}
