namespace Bench.Campaigns.Checking;

/// <summary>Names the trial a transaction belongs to: its experiment, its 1-based index there, and the parameter it ran at.</summary>
public sealed record TrialReference(long TrialId, string Experiment, int Index, double? Parameter)
{
    public override string ToString() => $"{Experiment} #{Index}";
}
