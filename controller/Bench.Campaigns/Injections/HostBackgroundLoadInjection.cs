using Bench.Host;

namespace Bench.Campaigns.Injections;

/// <summary>
/// Peak hour (DESIGN.md §1 item 5): other terminals send the host the parameter's transactions per second
/// (Poisson arrivals, seeded per trial) from a warm-up before the sale until the sale has ended. They queue
/// for the host's authorisation workers (the rule file's <c>capacity:</c>) with the trial's sale, so its
/// reply slows down as the load nears the host's capacity, and times out beyond it.
/// </summary>
public sealed class HostBackgroundLoadInjection : Injection
{
    /// <summary>Terminal time the load runs before the sale starts, so a queue has formed when it arrives.</summary>
    public static TimeSpan WarmUp { get; } = TimeSpan.FromSeconds(10);

    private BackgroundLoadGenerator? load;

    public override async Task ArmAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var host = context.Station.Host;
        if (host.Capacity is null && context.BaseRules.Capacity is null)
        {
            throw new Bench.Hardware.RigFaultException(
                "hostBackgroundLoad needs a host with finite capacity: give the campaign a hostRules file with a capacity: section (fixtures/hosts/peak-hour.yaml)");
        }

        // 0 tx/s, a range's lower end, is no other terminal at all: nothing to start.
        if (context.Parameter > 0)
            load = BackgroundLoadGenerator.Start(host.LocalEndPoint, context.Parameter, host.Options.WorkingKeys, context.Station.TerminalClock, context.Seed);
        context.Applied($"background load {context.ParameterText}");
        await Task.Delay(WarmUp, context.Station.TerminalClock, cancellationToken);
    }

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.SaleEnded).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            await StopAsync(context);
        }
    }

    public override void Disarm(InjectionContext context)
    {
        // Stopped with the sale; a failed trial that never ran the sale stops it here.
        StopAsync(context).GetAwaiter().GetResult();
    }

    private async Task StopAsync(InjectionContext context)
    {
        var running = Interlocked.Exchange(ref load, null);
        if (running is null) return;
        var statistics = running.Statistics;
        await running.DisposeAsync();
        context.Released($"background load stopped: {statistics}");
    }
}
