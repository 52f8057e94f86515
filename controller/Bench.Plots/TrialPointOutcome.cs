namespace Bench.Plots;

/// <summary>What a plotted trial showed; mirrors the campaign outcomes without depending on them.</summary>
public enum TrialPointOutcome
{
    Approved,
    Declined,
    Timeout,
    RigFault,
}
