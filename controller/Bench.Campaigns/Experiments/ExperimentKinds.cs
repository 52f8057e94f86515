namespace Bench.Campaigns.Experiments;

/// <summary>The failure injections campaigns can sweep today.</summary>
public static class ExperimentKinds
{
    /// <summary>The host holds its 0210 reply for the parameter's seconds (terminal time) after the 0200 arrives.</summary>
    public static readonly ExperimentKind HostResponseDelay =
        new("hostResponseDelay", "host response delay", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 3600,
        };

    public static readonly IReadOnlyList<ExperimentKind> All = [HostResponseDelay];

    public static ExperimentKind? Find(string name) =>
        All.FirstOrDefault(kind => string.Equals(kind.Name, name, StringComparison.Ordinal));
}
