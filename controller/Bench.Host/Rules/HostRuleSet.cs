using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// An ordered list of rules: the first whose match holds decides; when none does, the default
/// action (approve unless the set says otherwise). It also says whether request MACs are checked
/// and, optionally, the host's capacity. Immutable, so the host can swap sets between trials while
/// connections read the current one.
/// </summary>
public sealed record HostRuleSet(string Name, IReadOnlyList<HostRule> Rules, HostAction DefaultAction)
{
    public static HostRuleSet ApproveAll { get; } = new("approve-all", [], ApproveAction.Instance);

    /// <summary>Which terminals' request MACs are verified; all by default.</summary>
    public MacCheckPolicy MacCheck { get; init => field = value ?? throw new ArgumentNullException(nameof(MacCheck)); } = MacCheckPolicy.On;

    /// <summary>The host's authorisation capacity while this set is in force; null for unlimited (unless the host sets its own).</summary>
    public HostCapacity? Capacity { get; init; }

    /// <summary>The deciding rule (null when the default decided) and its action.</summary>
    public (HostRule? Rule, HostAction Action) Select(IsoMessage request) => Select(request, 1);

    /// <param name="occurrence">Which reception of this request it is (1 = the first): see <see cref="RequestOccurrences"/>.</param>
    public (HostRule? Rule, HostAction Action) Select(IsoMessage request, int occurrence)
    {
        foreach (var rule in Rules)
            if (rule.Match.Matches(request, occurrence)) return (rule, rule.Action);
        return (null, DefaultAction);
    }
}
