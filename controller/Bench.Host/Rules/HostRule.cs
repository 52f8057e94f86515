namespace Bench.Host;

/// <summary>One rule: when a request matches, the host takes the action.</summary>
public sealed record HostRule(string Name, RuleMatch Match, HostAction Action)
{
    public override string ToString() => $"{Name}: {Action}";
}
