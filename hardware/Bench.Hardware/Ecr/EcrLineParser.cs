namespace Bench.Hardware.Ecr;

/// <summary>
/// Turns a terminal line into an <see cref="EcrLine"/> by matching it against the protocol's line
/// templates. Never throws: a line that matches no template comes back as
/// <see cref="EcrLineKind.Malformed"/> with the reason, so a noisy port cannot crash a run.
/// </summary>
public static class EcrLineParser
{
    /// <summary>Templates: literal words, or a placeholder in braces whose value becomes an argument.</summary>
    private static readonly LineTemplate[] Templates =
    [
        new("BOOTING", EcrLineKind.Booting),
        new("SIGNING ON", EcrLineKind.SigningOn),
        new("SIGNED ON BATCH {batch}", EcrLineKind.SignedOn),
        new("SIGN ON FAILED {text}", EcrLineKind.SignOnFailed),
        new("READY", EcrLineKind.Ready),
        new("ACK SALE {amount}", EcrLineKind.Acknowledged),
        new("PROMPT CARD", EcrLineKind.PromptCard),
        new("CARD READ ERROR", EcrLineKind.CardReadError),
        new("CARD READ {word}", EcrLineKind.CardRead),
        new("CARD READ", EcrLineKind.CardRead),
        new("CONNECTING", EcrLineKind.Connecting),
        new("CONNECTED", EcrLineKind.Connected),
        new("NO CARRIER", EcrLineKind.NoCarrier),
        new("SENT {mti} STAN {stan}", EcrLineKind.Sent),
        new("RECEIVED {mti} STAN {stan} CODE {word}", EcrLineKind.Received),
        new("IGNORED {mti} STAN {stan}", EcrLineKind.Ignored),
        new("REVERSAL SENT {stan} {word}", EcrLineKind.ReversalSent),
        new("REVERSAL ACKED {stan}", EcrLineKind.ReversalAcknowledged),
        new("REVERSAL FAILED {stan}", EcrLineKind.ReversalFailed),
        new("RESULT APPROVED {word} {word}", EcrLineKind.Result, EcrSaleOutcome.Approved),
        new("RESULT DECLINED {word}", EcrLineKind.Result, EcrSaleOutcome.Declined),
        new("RESULT TIMEOUT", EcrLineKind.Result, EcrSaleOutcome.Timeout),
        new("RESULT NO CARD", EcrLineKind.Result, EcrSaleOutcome.NoCard),
        new("RESULT COMM ERROR", EcrLineKind.Result, EcrSaleOutcome.CommunicationError),
        new("RESULT MAC ERROR", EcrLineKind.Result, EcrSaleOutcome.MacError),
        new("RESULT BUSY", EcrLineKind.Result, EcrSaleOutcome.Busy),
        new("STATUS {text}", EcrLineKind.Status),
        new("ERROR {text}", EcrLineKind.Error),
    ];

    public static EcrLine Parse(string text, long timestamp)
    {
        if (text.Length == 0) return Malformed(text, timestamp, "empty line");
        if (text.Any(c => c is < ' ' or > '~'))
            return Malformed(text, timestamp, "contains control or non-ASCII characters");

        var words = text.Split(' ');
        foreach (var template in Templates)
        {
            if (template.TryMatch(words, out var arguments))
                return new EcrLine(text, timestamp, template.Kind, arguments) { Outcome = template.Outcome };
        }

        var candidates = Templates.Where(t => t.Words[0] == words[0]).Select(t => t.Text).ToList();
        return Malformed(text, timestamp, candidates.Count == 0
            ? $"unknown keyword '{words[0]}'"
            : "expected " + string.Join(" or ", candidates));
    }

    private static EcrLine Malformed(string text, long timestamp, string error) =>
        new(text, timestamp, EcrLineKind.Malformed, [], error);

    private sealed class LineTemplate(string text, EcrLineKind kind, EcrSaleOutcome? outcome = null)
    {
        public string Text { get; } = text;
        public string[] Words { get; } = text.Split(' ');
        public EcrLineKind Kind { get; } = kind;
        public EcrSaleOutcome? Outcome { get; } = outcome;

        public bool TryMatch(string[] line, out IReadOnlyList<string> arguments)
        {
            arguments = [];
            var values = new List<string>();
            for (var i = 0; i < Words.Length; i++)
            {
                var word = Words[i];
                if (word == "{text}")
                {
                    // Free text: the rest of the line, possibly empty.
                    values.Add(string.Join(' ', line.Skip(i)));
                    arguments = values;
                    return true;
                }
                if (i >= line.Length) return false;
                if (!word.StartsWith('{'))
                {
                    if (line[i] != word) return false;
                    continue;
                }
                if (!IsValid(word, line[i])) return false;
                values.Add(line[i]);
            }
            if (line.Length != Words.Length) return false;
            arguments = values;
            return true;
        }

        private static bool IsValid(string placeholder, string value) => placeholder switch
        {
            "{batch}" or "{stan}" => value.Length == 6 && value.All(char.IsAsciiDigit),
            "{mti}" => value.Length == 4 && value.All(char.IsAsciiDigit),
            "{amount}" => value.Length is >= 1 and <= 12 && value.All(char.IsAsciiDigit),
            _ => value.Length > 0,
        };
    }
}
