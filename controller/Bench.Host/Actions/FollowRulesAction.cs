namespace Bench.Host;

/// <summary>
/// Does what <see cref="Rules"/> say for the request, as if it had been selected there. An injection wraps it
/// (a delay, say) so that its fault composes with the campaign's own host rules instead of replacing them.
/// </summary>
public sealed record FollowRulesAction(HostRuleSet Rules) : HostAction
{
    public HostRuleSet Rules { get; init; } = Rules ?? throw new ArgumentNullException(nameof(Rules));

    public override string Kind => "followRules";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        Rules.Select(context.Request, context.Occurrence).Action.ExecuteAsync(context, cancellationToken);

    public override string ToString() => $"as rule set {Rules.Name} says";
}
