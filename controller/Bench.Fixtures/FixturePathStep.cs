namespace Bench.Fixtures;

/// <summary>One step of a <see cref="FixturePath"/>: a key, then optionally an index into the list it holds.</summary>
public sealed record FixturePathStep(string Key, int? Index)
{
    public override string ToString() => Index is { } index ? $"{Key}[{index}]" : Key;
}
