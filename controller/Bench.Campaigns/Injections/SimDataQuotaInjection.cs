using Bench.Hardware;

namespace Bench.Campaigns.Injections;

/// <summary>
/// The SIM is out of data balance: registration works, but the carrier passes only the parameter's
/// bytes (both directions) from the trial's start and blackholes the rest. Simulated carrier only; on a
/// real rig the same effect needs a SIM with a tiny quota.
/// </summary>
public sealed class SimDataQuotaInjection : Injection
{
    public override Task ArmAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var carrier = context.Station.Carrier
            ?? throw new RigFaultException("this station has no simulated carrier to limit: on a real rig, fit a SIM with a tiny data quota");
        carrier.SetDataQuota((long)Math.Floor(context.Parameter));
        context.Applied($"carrier data quota {context.ParameterText}");
        return Task.CompletedTask;
    }

    public override void Disarm(InjectionContext context)
    {
        context.Station.Carrier?.SetDataQuota(null);
        context.Released("carrier data quota lifted");
    }
}
