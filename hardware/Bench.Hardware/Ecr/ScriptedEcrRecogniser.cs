using System.Text.RegularExpressions;

namespace Bench.Hardware.Ecr;

/// <summary>
/// What a scripted dialect's message means: its patterns tried in order (results first: approved, declined, timeout,
/// no card, other; then the card prompt, ready, connected, STAN), the first match deciding. A result's arguments are
/// laid out as the bench protocol's (RRN and approval code, or the response code), a STAN line as a <c>SENT</c> line's.
/// Shared by <see cref="ScriptedEcrSession"/> and the profile loader's check of a dialect's simulated-terminal templates.
/// </summary>
public sealed class ScriptedEcrRecogniser
{
    // The STAN a dialect prints is the sale request's (0200), laid out as the bench protocol's SENT line.
    private const string MessageTypeOfSale = "0200";

    private readonly (Regex Pattern, EcrLineKind Kind, EcrSaleOutcome? Outcome)[] recognisers;

    /// <exception cref="RegexParseException">A pattern of the dialect is not a regular expression (a loaded profile has been checked).</exception>
    public ScriptedEcrRecogniser(ScriptedEcrDialect dialect)
    {
        recognisers =
        [
            .. Recogniser(dialect.Approved, EcrLineKind.Result, EcrSaleOutcome.Approved),
            .. Recogniser(dialect.Declined, EcrLineKind.Result, EcrSaleOutcome.Declined),
            .. Recogniser(dialect.Timeout, EcrLineKind.Result, EcrSaleOutcome.Timeout),
            .. Recogniser(dialect.NoCard, EcrLineKind.Result, EcrSaleOutcome.NoCard),
            .. Recogniser(dialect.Other, EcrLineKind.Result, EcrSaleOutcome.CommunicationError),
            .. Recogniser(dialect.CardPrompt, EcrLineKind.PromptCard, null),
            .. Recogniser(dialect.Ready, EcrLineKind.Ready, null),
            .. Recogniser(dialect.Connected, EcrLineKind.Connected, null),
            .. Recogniser(dialect.Stan, EcrLineKind.Sent, null),
        ];
    }

    /// <summary>What <paramref name="text"/> means: the first pattern that matches, or <see cref="EcrLineKind.Unrecognized"/>.</summary>
    public EcrLine Recognise(string text, long timestamp)
    {
        foreach (var (pattern, kind, outcome) in recognisers)
        {
            Match match;
            try
            {
                match = pattern.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return new EcrLine(text, timestamp, EcrLineKind.Unrecognized, [], $"pattern '{pattern}' ran past {ScriptedEcrDialect.MatchTimeout.TotalMilliseconds:0} ms");
            }
            if (!match.Success) continue;
            IReadOnlyList<string> arguments = (kind, outcome) switch
            {
                (EcrLineKind.Result, EcrSaleOutcome.Approved) =>
                    [Group(match, ScriptedEcrDialect.RetrievalReferenceNumberGroup), Group(match, ScriptedEcrDialect.ApprovalCodeGroup)],
                (EcrLineKind.Result, _) => [Group(match, ScriptedEcrDialect.ResponseCodeGroup)],
                (EcrLineKind.Sent, _) => [MessageTypeOfSale, Group(match, ScriptedEcrDialect.StanGroup)],
                _ => [],
            };
            return new EcrLine(text, timestamp, kind, arguments) { Outcome = outcome };
        }
        return new EcrLine(text, timestamp, EcrLineKind.Unrecognized, []);
    }

    private static string Group(Match match, string name) =>
        match.Groups[name] is { Success: true, Value.Length: > 0 } group ? EcrProtocol.Word(group.Value) : EcrProtocol.EmptyField;

    private static IEnumerable<(Regex, EcrLineKind, EcrSaleOutcome?)> Recogniser(string? pattern, EcrLineKind kind, EcrSaleOutcome? outcome) =>
        pattern is null ? [] : [(ScriptedEcrDialect.Compile(pattern), kind, outcome)];
}
