namespace Bench.Hardware.Ecr;

/// <summary>
/// A profile's console rules, in file order. Compares by its rules' values, so two loads of one profile stay
/// equal (a run keeps one station per distinct profile).
/// </summary>
public sealed record ConsoleRuleSet(IReadOnlyList<ConsoleRule> Rules)
{
    public static readonly ConsoleRuleSet None = new([]);

    public bool Equals(ConsoleRuleSet? other) => other is not null && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => Rules.Aggregate(Rules.Count, HashCode.Combine);
}
