namespace Bench.Cli;

/// <summary>Process exit codes, so nightly jobs can tell a bad file from a failed run (the README lists them).</summary>
public static class ExitCodes
{
    /// <summary>Every experiment found its threshold (every command that is not a run: it did its job).</summary>
    public const int Success = 0;

    /// <summary>A threshold was not found (not in range, or the terminal answered something bisection cannot use).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a campaign, rule or rig file, an option, an output folder that cannot be used or is in use, no font.</summary>
    public const int BadInput = 2;

    /// <summary>An experiment aborted because its trials were invalid (rig faults, firmware faults, watchdogs): the rig failed, not the terminal.</summary>
    public const int RigFault = 3;

    /// <summary>An unexpected error inside the bench: a bug; the stack trace is in the log file named on the console.</summary>
    public const int InternalError = 4;

    /// <summary>Ctrl-C.</summary>
    public const int Cancelled = 130;
}
