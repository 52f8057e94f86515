using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Injections;

/// <summary>Which <see cref="Injection"/> carries out each experiment kind.</summary>
public sealed class InjectionCatalogue
{
    private readonly Dictionary<string, Injection> injections = new(StringComparer.Ordinal)
    {
        [ExperimentKinds.HostResponseDelay.Name] = new HostResponseDelayInjection(),
        [ExperimentKinds.PhoneLineCut.Name] = RelayCutInjection.PhoneLine,
        [ExperimentKinds.PhoneLineDownAtSale.Name] = new PhoneLineDownAtSaleInjection(),
        [ExperimentKinds.SimPowerOff.Name] = RelayCutInjection.SimPower,
        [ExperimentKinds.RfAttenuation.Name] = new RfAttenuationInjection(),
        [ExperimentKinds.TerminalPowerCut.Name] = new TerminalPowerCutInjection(),
        [ExperimentKinds.LateSwipe.Name] = new LateSwipeInjection(),
        [ExperimentKinds.SlowSwipe.Name] = new SlowSwipeInjection(),
        [ExperimentKinds.SimDataQuota.Name] = new SimDataQuotaInjection(),
        [ExperimentKinds.LinkLatency.Name] = LinkFaultInjection.Latency,
        [ExperimentKinds.LinkBandwidth.Name] = LinkFaultInjection.Bandwidth,
        [ExperimentKinds.HostBackgroundLoad.Name] = new HostBackgroundLoadInjection(),
    };

    public Injection For(ExperimentKind kind) =>
        injections.TryGetValue(kind.Name, out var injection)
            ? injection
            : throw new NotSupportedException($"experiment kind '{kind.Name}' has no injection on this bench yet");
}
