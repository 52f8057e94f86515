namespace Bench.Campaigns.Checking;

/// <summary>An injection on the history's timeline: from when it took effect to when it was taken back (null: never released).</summary>
public sealed record InjectionSpan(string What, long AppliedNanoseconds, long? ReleasedNanoseconds)
{
    /// <summary>The trial whose injection it was.</summary>
    public TrialReference? Trial { get; init; }
}
