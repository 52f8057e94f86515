using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Injections;

/// <summary>Which <see cref="IInjection"/> carries out each experiment kind.</summary>
public sealed class InjectionCatalogue
{
    private readonly Dictionary<string, IInjection> injections = new(StringComparer.Ordinal)
    {
        [ExperimentKinds.HostResponseDelay.Name] = new HostResponseDelayInjection(),
    };

    public IInjection For(ExperimentKind kind) =>
        injections.TryGetValue(kind.Name, out var injection)
            ? injection
            : throw new NotSupportedException($"experiment kind '{kind.Name}' has no injection on this bench yet");
}
