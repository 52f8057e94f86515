namespace Bench.Campaigns.Search;

/// <summary>What one trial showed (DESIGN.md §8).</summary>
public enum TrialOutcome
{
    /// <summary>The terminal showed the sale approved.</summary>
    Approved,

    /// <summary>The terminal showed a decline: a reply arrived, but not an approval.</summary>
    Declined,

    /// <summary>Unknown result: the terminal timed out or reported a communication error.</summary>
    Timeout,

    /// <summary>The rig failed (port vanished, relay read-back disagreed, host could not bind): says nothing about the terminal.</summary>
    RigFault,

    /// <summary>
    /// The trial did not run as intended, so its result cannot be trusted: the terminal's firmware
    /// faulted (an I/O error on its flash), the trial outlived its watchdog. Never a data point.
    /// </summary>
    Invalid,
}
