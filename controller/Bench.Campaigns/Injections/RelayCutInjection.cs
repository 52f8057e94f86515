using Bench.Hardware;
using Bench.Results;

namespace Bench.Campaigns.Injections;

/// <summary>
/// Opens a relay-switched circuit (the phone line, the SIM's supply) at the trigger and closes it again
/// after the parameter's seconds of terminal time, measured from just before the relay was switched.
/// </summary>
public sealed class RelayCutInjection(string circuit, Func<Rig, bool, CancellationToken, Task> switchCircuit) : Injection
{
    public static RelayCutInjection PhoneLine { get; } = new("phone line", (rig, on, token) => rig.SetPhoneLineAsync(on, token));

    public static RelayCutInjection SimPower { get; } = new("SIM power", (rig, on, token) => rig.SetSimPowerAsync(on, token));

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        await context.WaitForTriggerAsync(TimeSpan.Zero, cancellationToken);
        var what = $"{circuit} off for {context.ParameterText}";
        var start = MonotonicTime.NowNanoseconds();
        try
        {
            await switchCircuit(context.Station.Rig, false, cancellationToken);
            context.Applied(what, start);
            await context.DelayUntilAsync(start, context.ParameterAsDuration, cancellationToken);
        }
        finally
        {
            // Restored whatever happened: a cancelled trial must not leave the circuit open.
            await switchCircuit(context.Station.Rig, true, CancellationToken.None);
            context.Released(what);
        }
    }
}
