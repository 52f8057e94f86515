namespace Bench.Campaigns.Checking;

/// <summary>How a sale operation ended as the terminal showed it (DESIGN.md §8, after Jepsen's ok / fail / info).</summary>
public enum OperationOutcome
{
    /// <summary>The terminal printed an approval: the customer was told the money was taken.</summary>
    Approved,

    /// <summary>The terminal printed a decline: nothing may stay debited.</summary>
    Declined,

    /// <summary>Timeout, communication or MAC error, power lost, or not observed: the money may or may not have moved.</summary>
    Unknown,
}
