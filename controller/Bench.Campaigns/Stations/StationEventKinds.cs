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

    /// <summary>The bench power-cycled the terminal to bring it back after a rig fault.</summary>
    public const string TerminalRecovered = "terminal-recovered";
}
