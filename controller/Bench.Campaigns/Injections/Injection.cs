namespace Bench.Campaigns.Injections;

/// <summary>
/// One failure-injection kind (DESIGN.md §7), asynchronous: armed before the sale, then running beside
/// it (wait for the trigger, apply, hold, release), then disarmed whatever happened. Rig, host and link
/// faults all take this shape; the executor puts the rig back into its safe state after every trial too.
/// </summary>
public abstract class Injection
{
    /// <summary>True when the injection fires the swipe itself (the executor then does not swipe at the prompt).</summary>
    public virtual bool DrivesTheSwipe => false;

    /// <summary>True when "no card" is the terminal's answer to this injection rather than a rig failure.</summary>
    public virtual bool NoCardIsTerminalResult => false;

    /// <summary>Sets up, before the sale, what must be in place from its start (host rules, attenuation, a quota).</summary>
    public virtual Task ArmAsync(InjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs beside the sale: waits for the trigger, applies the fault, holds it, releases it.</summary>
    public virtual Task RunAsync(InjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the station to the campaign's normal behaviour; called after every trial, also a failed one.</summary>
    public virtual void Disarm(InjectionContext context)
    {
    }
}
