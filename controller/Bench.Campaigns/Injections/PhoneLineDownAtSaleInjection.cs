using Bench.Campaigns.Experiments;
using Bench.Results;

namespace Bench.Campaigns.Injections;

/// <summary>
/// The phone line is already open when the sale starts and stays open for the parameter's seconds from
/// the moment the bench sent <c>SALE</c>: the terminal's dial attempts meet no dial tone until it closes.
/// </summary>
public sealed class PhoneLineDownAtSaleInjection : Injection
{
    public override async Task ArmAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        // Opened before the sale so that no dial attempt can beat the relay.
        await context.Station.Rig.SetPhoneLineAsync(false, cancellationToken);
        context.Applied($"phone line down from the sale's start for {context.ParameterText}");
    }

    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var saleSent = await context.Events.WaitAsync(TrialEventKinds.EcrSaleSent, cancellationToken);
        try
        {
            await context.DelayUntilAsync(saleSent, context.ParameterAsDuration, cancellationToken);
        }
        finally
        {
            await context.Station.Rig.SetPhoneLineAsync(true, CancellationToken.None);
            context.Released("phone line restored");
        }
    }

    public override void Disarm(InjectionContext context)
    {
        // The executor's safe state closes the line; nothing else was changed.
    }
}
