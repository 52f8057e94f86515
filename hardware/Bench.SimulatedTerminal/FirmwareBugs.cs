namespace Bench.SimulatedTerminal;

/// <summary>
/// Field bugs (DESIGN.md §6) the simulated firmware can carry, so the bench can prove it catches
/// them. All false by default: a correct terminal.
/// </summary>
public sealed record FirmwareBugs
{
    public static FirmwareBugs None { get; } = new();

    /// <summary>Debited, terminal shows timeout, no reversal follows: the record is dropped on a response timeout.</summary>
    public bool NoReversalAfterTimeout { get; init; }

    /// <summary>The pending reversal is deleted once all resend attempts have failed, instead of being kept.</summary>
    public bool PendingReversalDeletedAfterResendsFail { get; init; }

    /// <summary>Any 0410 with the right STAN clears the record, whatever its response code or MAC.</summary>
    public bool ReversalClearedBeforeResponseChecked { get; init; }

    /// <summary>The reversal record lives in RAM only, so a power loss loses it.</summary>
    public bool ReversalNotPersisted { get; init; }

    /// <summary>A 0210 whose MAC does not verify is treated as genuine: no A0 reversal.</summary>
    public bool MacCheckIgnored { get; init; }

    /// <summary>Any 0210 is taken as the reply to the current request, whatever its STAN (a late reply to an earlier one included).</summary>
    public bool LateReplyAccepted { get; init; }
}
