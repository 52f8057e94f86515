using Bench.Campaigns.Search;

namespace Bench.Campaigns.Running;

/// <summary>What one trial produced, as the trial executor measured it.</summary>
/// <param name="Outcome">What the terminal showed (or rig fault).</param>
/// <param name="TimeToResultSeconds">Terminal seconds from the host receiving the sale request (or, when none arrived, from the ECR command) to the terminal's result.</param>
/// <param name="HostRequestToReplySeconds">Terminal seconds from the host receiving the 0200 to sending its 0210; null if it never replied.</param>
/// <param name="LedgerNetDebitMinorUnits">Host ledger net debit of the trial's sale after any reversal (DESIGN.md §8).</param>
public sealed record TrialResult(
    TrialOutcome Outcome,
    double TimeToResultSeconds,
    double? HostRequestToReplySeconds,
    long LedgerNetDebitMinorUnits)
{
    /// <summary>The terminal's own RESULT word (APPROVED, TIMEOUT, COMMUNICATIONERROR …).</summary>
    public string? TerminalResult { get; init; }

    /// <summary>The STAN of the trial's sale request, when one left the terminal.</summary>
    public string? Stan { get; init; }

    /// <summary>The sale's key in the host's ledger (TID + batch + STAN, DESIGN.md §8); null when no sale request reached the host.</summary>
    public Bench.Host.LedgerKey? LedgerKey { get; init; }

    /// <summary>STANs of pending reversals the terminal sent before this sale.</summary>
    public IReadOnlyList<string> ReversalsSent { get; init; } = [];

    /// <summary>Why the trial is no data point (a rig fault, or an invalid trial: firmware fault, watchdog), when it is not.</summary>
    public string? RigFault { get; init; }

    /// <summary>Bytes of the trial's sale request as it crossed the wire (length prefix included); null if the host never had one.</summary>
    public int? RequestBytes { get; init; }

    /// <summary>Bytes of the host's reply to the sale (length prefix included); null without one.</summary>
    public int? ReplyBytes { get; init; }

    /// <summary>Monotonic timeline span of the trial (nanoseconds, wall clock).</summary>
    public long StartedNanoseconds { get; init; }

    public long EndedNanoseconds { get; init; }

    /// <summary>True when a resumed run handed this stored result back to its search instead of running the trial (<see cref="ReplayingTrialExecutor"/>).</summary>
    public bool Replayed { get; init; }
}
