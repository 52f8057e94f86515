using System.Text.RegularExpressions;
using Bench.Hardware.Ecr;

namespace Bench.Campaigns.Running;

/// <summary>A profile's console rules, compiled: which trial event, if any, a console line stands for (the first matching rule decides).</summary>
public sealed class ConsoleEventRules
{
    private readonly (Regex Pattern, string Event)[] rules;

    public ConsoleEventRules(ConsoleRuleSet rules) =>
        this.rules = [.. rules.Rules.Select(rule => (ScriptedEcrDialect.Compile(rule.Pattern), rule.Event))];

    public bool IsEmpty => rules.Length == 0;

    /// <summary>The event <paramref name="line"/> stands for, or null. A pattern that runs past its match timeout matches nothing.</summary>
    public string? EventFor(string line)
    {
        foreach (var (pattern, kind) in rules)
        {
            try
            {
                if (pattern.IsMatch(line)) return kind;
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
        return null;
    }
}
