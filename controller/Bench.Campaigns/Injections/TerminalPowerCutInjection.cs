namespace Bench.Campaigns.Injections;

/// <summary>
/// The terminal's power relay opens the parameter's seconds after the trigger and closes again after the
/// experiment's settle time. A terminal that was inside a sale shows no result; the next sale must carry
/// the reversal it persisted.
/// </summary>
public sealed class TerminalPowerCutInjection : Injection
{
    public override async Task RunAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        await context.WaitForTriggerAsync(context.ParameterAsDuration, cancellationToken);
        var what = $"terminal power cut {context.ParameterText} after {context.Experiment.Trigger}";
        try
        {
            await context.Station.Rig.SetTerminalPowerAsync(false, cancellationToken);
            context.MarkPowerCut();
            context.Applied(what);
            await Task.Delay(context.Experiment.Settle, context.Station.TerminalClock, cancellationToken);
        }
        finally
        {
            await context.Station.Rig.SetTerminalPowerAsync(true, CancellationToken.None);
            context.Released("terminal power restored");
        }
    }
}
