using Bench.Codec;
using Bench.Host;

namespace Bench.Campaigns.Injections;

/// <summary>
/// The host holds its reply to the sale (0200, processing code 000000) for the parameter's
/// seconds of terminal time, then does what the campaign's rules say for it (approve when none
/// applies), so a rule's fault (a corrupt MAC, a split reply) rides on the delayed reply. Every
/// other message follows the campaign's rules, so reversals and sign-ons are answered at once.
/// </summary>
public sealed class HostResponseDelayInjection : Injection
{
    public override Task ArmAsync(InjectionContext context, CancellationToken cancellationToken)
    {
        var what = $"host response delay {context.ParameterText}";
        var delay = new HostRule(
            "inject " + what,
            new RuleMatch
            {
                Mtis = new HashSet<string> { MessageTypes.FinancialRequest },
                ProcessingCodes = new HashSet<string> { ProcessingCodes.Sale },
            },
            new DelayAction(context.ParameterAsDuration, new FollowRulesAction(context.BaseRules)));
        context.Station.Host.Rules = context.BaseRules with { Rules = [delay, .. context.BaseRules.Rules] };
        context.Applied(what);
        return Task.CompletedTask;
    }

    public override void Disarm(InjectionContext context)
    {
        context.Station.Host.Rules = context.BaseRules;
        context.Released("host response delay");
    }
}
