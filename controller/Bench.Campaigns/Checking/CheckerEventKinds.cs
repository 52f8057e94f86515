namespace Bench.Campaigns.Checking;

/// <summary>Events the final settle writes to the run's timeline for the checker.</summary>
public static class CheckerEventKinds
{
    /// <summary>The final settle at one station began or ended; detail: terminalId, phase, pendingStan.</summary>
    public const string FinalSettle = "final-settle";

    /// <summary>A terminal still held a reversal after the final settle; detail: terminalId, stan.</summary>
    public const string ReversalPendingAtEnd = "reversal-pending-at-end";
}
