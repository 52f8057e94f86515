using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Host;

namespace Bench.Campaigns.Injections;

/// <summary>
/// The host holds its reply to the sale (0200, processing code 000000) for the parameter's
/// seconds of terminal time, then approves. Every other message follows the campaign's rules,
/// so the terminal's reversals and sign-ons are answered at once.
/// </summary>
public sealed class HostResponseDelayInjection : IInjection
{
    public void Arm(TestStation station, HostRuleSet baseRules, double parameter)
    {
        var delay = new HostRule(
            $"inject host response delay {parameter:0.###} s",
            new RuleMatch
            {
                Mtis = new HashSet<string> { MessageTypes.FinancialRequest },
                ProcessingCodes = new HashSet<string> { ProcessingCodes.Sale },
            },
            new DelayAction(TimeSpan.FromSeconds(parameter), ApproveAction.Instance));
        station.Host.Rules = baseRules with { Rules = [delay, .. baseRules.Rules] };
    }

    public void Disarm(TestStation station, HostRuleSet baseRules) => station.Host.Rules = baseRules;
}
