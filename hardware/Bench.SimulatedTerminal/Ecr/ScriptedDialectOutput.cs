using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>
/// What the simulated terminal prints in a scripted dialect for each line its firmware prints in the bench protocol:
/// the dialect's template for the message the line is (<see cref="ScriptedEcrTerminalTemplates"/>), filled with the
/// line's values, or nothing when the dialect has no such message (SIGNING ON, SENT of a sign-on, RECEIVED …).
/// A no-card result without a no-card template, and every other end of a sale (communication or MAC error, busy,
/// a firmware fault, an ERROR answer), print the <c>other</c> template when there is one.
/// </summary>
public sealed class ScriptedDialectOutput
{
    /// <summary>
    /// Values the profile loader renders every template with before checking the dialect recognises it: shaped as the
    /// host simulator's fields are (a 6-character approval code, a 12-character RRN, a 2-character response code, a
    /// 6-digit STAN), and distinct, so a template that swaps two of them is caught.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SampleValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ScriptedEcrDialect.ApprovalCodeGroup] = "AU0042",
        [ScriptedEcrDialect.RetrievalReferenceNumberGroup] = "RRN000042000",
        [ScriptedEcrDialect.ResponseCodeGroup] = "51",
        [ScriptedEcrDialect.StanGroup] = "000042",
    };

    // A sale's STAN is the 0200's; sign-on and reversal requests print SENT lines too.
    private const string MessageTypeOfSale = "0200";

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    private readonly Dictionary<ScriptedEcrMessage, EcrOutputTemplate> templates = [];

    /// <exception cref="FormatException">A template does not parse (a loaded profile has been checked); the message names it.</exception>
    public ScriptedDialectOutput(ScriptedEcrTerminalTemplates source)
    {
        foreach (var message in Enum.GetValues<ScriptedEcrMessage>())
        {
            if (TemplateOf(source, message) is not { } text) continue;
            templates[message] = EcrOutputTemplate.TryParse(text, PlaceholdersOf(message), out var template, out var error)
                ? template!
                : throw new FormatException($"simulated-terminal template {message} '{text}': {error}");
        }
    }

    /// <summary>The placeholders a message's template may use.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(ScriptedEcrMessage message) => message switch
    {
        ScriptedEcrMessage.Approved => [ScriptedEcrDialect.ApprovalCodeGroup, ScriptedEcrDialect.RetrievalReferenceNumberGroup],
        ScriptedEcrMessage.Declined or ScriptedEcrMessage.Other => [ScriptedEcrDialect.ResponseCodeGroup],
        ScriptedEcrMessage.Stan => [ScriptedEcrDialect.StanGroup],
        _ => [],
    };

    /// <summary>The template text for <paramref name="message"/>, null when absent.</summary>
    public static string? TemplateOf(ScriptedEcrTerminalTemplates templates, ScriptedEcrMessage message) => message switch
    {
        ScriptedEcrMessage.CardPrompt => templates.CardPrompt,
        ScriptedEcrMessage.Approved => templates.Approved,
        ScriptedEcrMessage.Declined => templates.Declined,
        ScriptedEcrMessage.Timeout => templates.Timeout,
        ScriptedEcrMessage.NoCard => templates.NoCard,
        ScriptedEcrMessage.Other => templates.Other,
        ScriptedEcrMessage.Ready => templates.Ready,
        ScriptedEcrMessage.Connected => templates.Connected,
        _ => templates.Stan,
    };

    /// <summary>The dialect's pattern that recognises <paramref name="message"/>, null when the dialect declares none.</summary>
    public static string? PatternOf(ScriptedEcrDialect dialect, ScriptedEcrMessage message) => message switch
    {
        ScriptedEcrMessage.CardPrompt => dialect.CardPrompt,
        ScriptedEcrMessage.Approved => dialect.Approved,
        ScriptedEcrMessage.Declined => dialect.Declined,
        ScriptedEcrMessage.Timeout => dialect.Timeout,
        ScriptedEcrMessage.NoCard => dialect.NoCard,
        ScriptedEcrMessage.Other => dialect.Other,
        ScriptedEcrMessage.Ready => dialect.Ready,
        ScriptedEcrMessage.Connected => dialect.Connected,
        _ => dialect.Stan,
    };

    /// <summary>What the controller's <see cref="ScriptedEcrRecogniser"/> makes of the message: its line kind and, for a result, the outcome.</summary>
    public static (EcrLineKind Kind, EcrSaleOutcome? Outcome) MeaningOf(ScriptedEcrMessage message) => message switch
    {
        ScriptedEcrMessage.CardPrompt => (EcrLineKind.PromptCard, null),
        ScriptedEcrMessage.Approved => (EcrLineKind.Result, EcrSaleOutcome.Approved),
        ScriptedEcrMessage.Declined => (EcrLineKind.Result, EcrSaleOutcome.Declined),
        ScriptedEcrMessage.Timeout => (EcrLineKind.Result, EcrSaleOutcome.Timeout),
        ScriptedEcrMessage.NoCard => (EcrLineKind.Result, EcrSaleOutcome.NoCard),
        ScriptedEcrMessage.Other => (EcrLineKind.Result, EcrSaleOutcome.CommunicationError),
        ScriptedEcrMessage.Ready => (EcrLineKind.Ready, null),
        ScriptedEcrMessage.Connected => (EcrLineKind.Connected, null),
        _ => (EcrLineKind.Sent, null),
    };

    /// <summary><paramref name="message"/> filled with <paramref name="values"/>; null when the dialect has no template for it.</summary>
    public string? Render(ScriptedEcrMessage message, IReadOnlyDictionary<string, string> values) =>
        templates.TryGetValue(message, out var template) ? template.Render(values) : null;

    /// <summary>The dialect's text for a bench-protocol line the firmware prints; null when the dialect does not say it.</summary>
    public string? Translate(string benchLine)
    {
        var line = EcrLineParser.Parse(benchLine, timestamp: 0);
        var arguments = line.Arguments;
        return (line.Kind, line.Outcome) switch
        {
            (EcrLineKind.Ready, _) => Render(ScriptedEcrMessage.Ready, NoValues),
            (EcrLineKind.PromptCard, _) => Render(ScriptedEcrMessage.CardPrompt, NoValues),
            (EcrLineKind.Connected, _) => Render(ScriptedEcrMessage.Connected, NoValues),
            (EcrLineKind.Sent, _) when arguments[0] == MessageTypeOfSale =>
                Render(ScriptedEcrMessage.Stan, Values((ScriptedEcrDialect.StanGroup, arguments[1]))),
            (EcrLineKind.Result, EcrSaleOutcome.Approved) => Render(ScriptedEcrMessage.Approved, Values(
                (ScriptedEcrDialect.RetrievalReferenceNumberGroup, arguments[0]), (ScriptedEcrDialect.ApprovalCodeGroup, arguments[1]))),
            (EcrLineKind.Result, EcrSaleOutcome.Declined) =>
                Render(ScriptedEcrMessage.Declined, Values((ScriptedEcrDialect.ResponseCodeGroup, arguments[0]))),
            (EcrLineKind.Result, EcrSaleOutcome.Timeout) => Render(ScriptedEcrMessage.Timeout, NoValues),
            (EcrLineKind.Result, EcrSaleOutcome.NoCard) => Render(ScriptedEcrMessage.NoCard, NoValues) ?? Render(ScriptedEcrMessage.Other, NoValues),
            // A sale's other ends, and an ERROR answer (a firmware fault ends the sale under way): the money outcome is unknown.
            (EcrLineKind.Result, _) or (EcrLineKind.Error, _) => Render(ScriptedEcrMessage.Other, NoValues),
            _ => null,
        };
    }

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value, StringComparer.Ordinal);
}
