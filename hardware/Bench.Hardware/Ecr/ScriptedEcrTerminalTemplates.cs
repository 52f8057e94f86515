namespace Bench.Hardware.Ecr;

/// <summary>
/// What a terminal speaking a scripted dialect prints (profile key <c>ecr.simulatedTerminal</c>): one template per
/// message the dialect recognises, so the simulated terminal can speak the dialect its profile declares. The profile's
/// loader renders each template with sample values and checks that the dialect recognises the result as that message,
/// so a worked example cannot drift from its patterns. Placeholders (braces always open one): <c>{approvalCode}</c> and
/// <c>{rrn}</c> in <see cref="Approved"/>, <c>{responseCode}</c> in <see cref="Declined"/> and <see cref="Other"/>,
/// <c>{stan}</c> or <c>{stan:FORMAT}</c> (a .NET integer format) in <see cref="Stan"/>; the other templates are fixed text.
/// An optional template is present exactly when the dialect declares the matching pattern.
/// </summary>
public sealed record ScriptedEcrTerminalTemplates
{
    public required string CardPrompt { get; init; }
    public required string Approved { get; init; }
    public required string Declined { get; init; }
    public required string Timeout { get; init; }

    /// <summary>No card was swiped in time; without it the terminal prints <see cref="Other"/> (if any).</summary>
    public string? NoCard { get; init; }

    /// <summary>Any other end of a sale: a communication or MAC error, a sale refused as busy, a firmware fault.</summary>
    public string? Other { get; init; }

    public string? Ready { get; init; }
    public string? Connected { get; init; }
    public string? Stan { get; init; }
}
