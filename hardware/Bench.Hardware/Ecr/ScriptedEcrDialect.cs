using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Hardware.Ecr;

/// <summary>
/// An ECR dialect a terminal profile declares (its <c>ecr:</c> key): what to send to start a sale, how messages
/// are framed, and the regular expressions that recognise what the terminal says. Patterns are kept as text so
/// two loads of one profile compare equal; <see cref="ScriptedEcrSession"/> compiles them with
/// <see cref="Compile"/>. Named groups carry values: <c>approvalCode</c> and <c>rrn</c> in
/// <see cref="Approved"/>, <c>responseCode</c> in <see cref="Declined"/> (and optionally in the other results),
/// <c>stan</c> in <see cref="Stan"/>. Durations are terminal time.
/// </summary>
public sealed record ScriptedEcrDialect
{
    /// <summary>The group that carries the approval (authorisation) code, field 38.</summary>
    public const string ApprovalCodeGroup = "approvalCode";

    /// <summary>The group that carries the retrieval reference number, field 37.</summary>
    public const string RetrievalReferenceNumberGroup = "rrn";

    /// <summary>The group that carries the response code, field 39.</summary>
    public const string ResponseCodeGroup = "responseCode";

    /// <summary>The group that carries the STAN (field 11) of the sale request.</summary>
    public const string StanGroup = "stan";

    /// <summary>A pattern that runs longer than this on one line is a fault of the pattern, not a hang of the run.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public EcrFraming Framing { get; init; } = EcrFraming.Line;

    /// <summary>What ends a line sent with <see cref="EcrFraming.Line"/> framing (received lines end at LF, a CR before it dropped).</summary>
    public string LineEnding { get; init; } = EcrProtocol.LineEnding;

    /// <summary>The text that starts a sale: <c>{amount}</c> (minor units) or <c>{amount:FORMAT}</c> (a .NET integer format, e.g. <c>D12</c>).</summary>
    public required string SaleCommand { get; init; }

    public required string CardPrompt { get; init; }
    public required string Approved { get; init; }
    public required string Declined { get; init; }
    public required string Timeout { get; init; }

    /// <summary>No card was read in time (the rig did not swipe); optional.</summary>
    public string? NoCard { get; init; }

    /// <summary>Any other end of a sale (cancelled, communication error): the money outcome is unknown; optional.</summary>
    public string? Other { get; init; }

    /// <summary>The terminal takes sales (after power-on); optional: without it the bench waits <see cref="BootTime"/>.</summary>
    public string? Ready { get; init; }

    /// <summary>The terminal's data session is up (trigger <c>modemConnected</c>); optional.</summary>
    public string? Connected { get; init; }

    /// <summary>A line that carries the sale request's STAN in the group <c>stan</c>; optional (a cross-check of the host-side match).</summary>
    public string? Stan { get; init; }

    /// <summary>How long a framed message waits for ACK or NAK before it is sent again.</summary>
    public TimeSpan AcknowledgeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a framed message is sent at most (first try included) before the port is a rig fault.</summary>
    public int SendAttempts { get; init; } = 3;

    /// <summary>How long a terminal without a <see cref="Ready"/> line takes from power-on to taking sales.</summary>
    public TimeSpan BootTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the simulated terminal prints when it speaks this dialect; null: it cannot (the dialect is for the real terminal only).</summary>
    public ScriptedEcrTerminalTemplates? SimulatedTerminal { get; init; }

    /// <summary>The name of the framing, for logs: <c>scripted/line</c> or <c>scripted/stxEtxLrc</c>.</summary>
    public string Name => Framing == EcrFraming.Line ? "scripted/line" : "scripted/stxEtxLrc";

    /// <summary>Compiles a pattern as every scripted dialect uses it: culture-invariant, with a match timeout.</summary>
    /// <exception cref="RegexParseException">The pattern is not a valid regular expression (<see cref="RegexParseException.Offset"/> says where).</exception>
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>The sale command for <paramref name="amountMinorUnits"/>.</summary>
    public string FormatSale(long amountMinorUnits) =>
        TryFormatSale(SaleCommand, amountMinorUnits, out var text, out var error) ? text : throw new FormatException(error);

    /// <summary>Fills the template's one <c>{amount}</c> placeholder; false with the reason when the template is unusable.</summary>
    public static bool TryFormatSale(string template, long amountMinorUnits, out string text, out string error)
    {
        text = "";
        var open = template.IndexOf("{amount", StringComparison.Ordinal);
        var close = open < 0 ? -1 : template.IndexOf('}', open);
        if (open < 0 || close < 0)
        {
            error = "must contain the placeholder {amount} or {amount:FORMAT}";
            return false;
        }
        if (template.IndexOf("{amount", close, StringComparison.Ordinal) >= 0)
        {
            error = "must contain {amount} only once";
            return false;
        }
        var placeholder = template[(open + 1)..close];
        string format;
        if (placeholder == "amount") format = "D";
        else if (placeholder.StartsWith("amount:", StringComparison.Ordinal) && placeholder.Length > "amount:".Length) format = placeholder["amount:".Length..];
        else
        {
            error = $"'{{{placeholder}}}' is not a placeholder: write {{amount}} or {{amount:FORMAT}}, e.g. {{amount:D12}}";
            return false;
        }
        string amount;
        try
        {
            amount = amountMinorUnits.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            error = $"'{format}' is not a .NET integer format (e.g. D12 for 12 digits with leading zeros)";
            return false;
        }
        text = string.Concat(template.AsSpan(0, open), amount, template.AsSpan(close + 1));
        if (text.Any(character => character is < ' ' or > '~'))
        {
            error = "must be printable ASCII (control characters are the framing's)";
            text = "";
            return false;
        }
        error = "";
        return true;
    }
}
