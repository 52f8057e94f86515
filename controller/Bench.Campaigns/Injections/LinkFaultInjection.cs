using Bench.Hardware.Simulation.Link;

namespace Bench.Campaigns.Injections;

/// <summary>
/// A host-link fault in Toxiproxy's vocabulary (latency, bandwidth, …) on both directions of the link
/// emulator, from the trigger until the trial ends. Only bytes that enter the link after the trigger
/// are affected, as with a fault switched on in a running proxy.
/// </summary>
public sealed class LinkFaultInjection(string name, Func<double, LinkConditions> conditions) : Injection
{
    private const string Layer = "injection";

    public static LinkFaultInjection Latency { get; } =
        new("link latency", seconds => new LinkConditions { Latency = TimeSpan.FromSeconds(seconds) });

    public static LinkFaultInjection Bandwidth { get; } =
        // The emulator meters whole bytes per second: a fractional parameter rounds down.
        new("link bandwidth", bytesPerSecond => new LinkConditions { BandwidthBytesPerSecond = Math.Max(1, (long)Math.Floor(bytesPerSecond)) });

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var link = context.Station.Link
            ?? throw new Bench.Hardware.RigFaultException($"this station has no link emulator for {name}: on a real rig, put `bench proxy` between the terminal and the host");
        await context.WaitForTriggerAsync(TimeSpan.Zero, cancellationToken);
        link.Apply(Layer, conditions(context.Parameter));
        context.Applied($"{name} {context.ParameterText} each way");
    }

    public override void Disarm(InjectionContext context)
    {
        if (context.Station.Link is not { } link) return;
        link.Release(Layer);
        if (context.HasApplied) context.Released($"{name} lifted");
    }
}
