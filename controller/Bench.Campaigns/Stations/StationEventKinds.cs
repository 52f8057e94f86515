namespace Bench.Campaigns.Stations;

/// <summary>Timeline event kinds a station and its trials write beside the host's frames and events.</summary>
public static class StationEventKinds
{
    /// <summary>A line the terminal printed on its ECR port, or a command the bench sent to it.</summary>
    public const string EcrLine = "ecr-line";

    /// <summary>A line of the terminal's own debug console (the simulated terminal's, masked).</summary>
    public const string TerminalConsole = "terminal-console";

    public const string TrialStarted = "trial-started";
    public const string InjectionArmed = "injection-armed";
    public const string InjectionDisarmed = "injection-disarmed";

    /// <summary>The swipe solenoid's pulse; the event's time is the pulse start, its detail the length.</summary>
    public const string Swipe = "swipe";

    public const string TrialEnded = "trial-ended";

    /// <summary>A trigger event of the trial (<see cref="Experiments.TrialEventKinds"/>), its name as the detail.</summary>
    public const string TrialEvent = "trial-event";

    /// <summary>A sale without injection that sends a reversal an earlier trial left pending, before the trial proper.</summary>
    public const string FlushSale = "flush-sale";

    /// <summary>An injection took effect (the start of its span on the timeline).</summary>
    public const string InjectionApplied = "injection-applied";

    /// <summary>An injection was taken back (the end of its span).</summary>
    public const string InjectionReleased = "injection-released";

    /// <summary>The bench power-cycled the terminal to bring it back after a rig fault.</summary>
    public const string TerminalRecovered = "terminal-recovered";

    /// <summary>The bench asked the operator for a step it cannot do itself; the detail is the instruction.</summary>
    public const string OperatorStepStarted = "operator-step-started";

    /// <summary>The operator confirmed the step (Enter); the detail says how long it took.</summary>
    public const string OperatorStepEnded = "operator-step-ended";

    /// <summary>
    /// A reading of the terminal's supply by the rig's INA219 (<see cref="SupplyCurrentTrace"/>), stamped when the chip
    /// was read; the detail is <c>152.3 mA 12.00 V</c>, with <c>, read-back</c> after a power relay's read-back.
    /// </summary>
    public const string SupplyCurrent = "supply-current";
}
