namespace Bench.Campaigns.Injections;

/// <summary>The step attenuator in the antenna path is set to the parameter before the sale and back to idle after the trial.</summary>
public sealed class RfAttenuationInjection : Injection
{
    public override Task ArmAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        try
        {
            context.Station.Rig.SetAttenuation(context.Parameter);
        }
        catch (ArgumentOutOfRangeException error)
        {
            // An attenuation the part cannot set is the rig's limit, never the terminal's result.
            throw new Bench.Hardware.RigFaultException($"cannot set {context.ParameterText}: {error.Message}", error);
        }
        context.Applied($"RF attenuation {context.ParameterText}");
        return Task.CompletedTask;
    }

    public override void Disarm(InjectionContext context)
    {
        context.Station.Rig.SetAttenuation(0);
        context.Released("RF attenuation back to 0 dB");
    }
}
