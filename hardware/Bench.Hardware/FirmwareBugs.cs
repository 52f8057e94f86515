namespace Bench.Hardware;

/// <summary>
/// Field bugs (DESIGN.md §6) the firmware under test carries: the terminal profile's <c>firmwareBugs:</c>.
/// The simulated terminal's firmware reproduces each one, so the bench can prove it catches them; a real
/// terminal's profile has none on. All false by default: a correct terminal.
/// </summary>
public sealed record FirmwareBugs
{
    public static FirmwareBugs None { get; } = new();

    /// <summary>The profile key of each bug (<c>firmwareBugs.NAME</c>), with how to read and set it.</summary>
    public static IReadOnlyList<FirmwareBugSwitch> Switches { get; } =
    [
        new("noReversalAfterTimeout", bugs => bugs.NoReversalAfterTimeout, (bugs, on) => bugs with { NoReversalAfterTimeout = on }),
        new("pendingReversalDeletedAfterResendsFail", bugs => bugs.PendingReversalDeletedAfterResendsFail, (bugs, on) => bugs with { PendingReversalDeletedAfterResendsFail = on }),
        new("reversalClearedBeforeResponseChecked", bugs => bugs.ReversalClearedBeforeResponseChecked, (bugs, on) => bugs with { ReversalClearedBeforeResponseChecked = on }),
        new("reversalNotPersisted", bugs => bugs.ReversalNotPersisted, (bugs, on) => bugs with { ReversalNotPersisted = on }),
        new("macCheckIgnored", bugs => bugs.MacCheckIgnored, (bugs, on) => bugs with { MacCheckIgnored = on }),
        new("lateReplyAccepted", bugs => bugs.LateReplyAccepted, (bugs, on) => bugs with { LateReplyAccepted = on }),
        new("readLoopTruncatesSplitReply", bugs => bugs.ReadLoopTruncatesSplitReply, (bugs, on) => bugs with { ReadLoopTruncatesSplitReply = on }),
        new("reversalRetriedWithNewStan", bugs => bugs.ReversalRetriedWithNewStan, (bugs, on) => bugs with { ReversalRetriedWithNewStan = on }),
        new("responseTimerIncludesConnect", bugs => bugs.ResponseTimerIncludesConnect, (bugs, on) => bugs with { ResponseTimerIncludesConnect = on }),
    ];

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

    /// <summary>
    /// The receive loop reads the link in 64-byte blocks and takes the first short block as the end of the
    /// message, ignoring the length prefix: a reply split into small segments is cut short, and one whose
    /// length is a multiple of 64 waits for a block that never comes. Either way the terminal sees no reply.
    /// </summary>
    public bool ReadLoopTruncatesSplitReply { get; init; }

    /// <summary>A 0400 that got no 0410 is resent under a fresh STAN instead of the original, so the host may reverse twice.</summary>
    public bool ReversalRetriedWithNewStan { get; init; }

    /// <summary>The sale's response timer starts before the connect (or dial) instead of before the send: the effective timeout is shorter by the connect time.</summary>
    public bool ResponseTimerIncludesConnect { get; init; }

    /// <summary>The profile keys of the bugs that are on, in <see cref="Switches"/> order.</summary>
    public IReadOnlyList<string> EnabledNames => Switches.Where(bug => bug.IsOn(this)).Select(bug => bug.Name).ToList();
}
