namespace Bench.Hardware;

/// <summary>What <see cref="RigCheck"/> did and saw, one row per step.</summary>
/// <param name="Rows">The steps in the order they ran.</param>
public sealed record RigCheckReport(IReadOnlyList<RigCheckRow> Rows)
{
    /// <summary>True when no step failed (unchecked steps do not fail the rig).</summary>
    public bool Passed => Rows.All(row => row.Verdict != RigCheckVerdict.Fail);

    /// <summary>The steps that failed.</summary>
    public IEnumerable<RigCheckRow> Failures => Rows.Where(row => row.Verdict == RigCheckVerdict.Fail);
}
