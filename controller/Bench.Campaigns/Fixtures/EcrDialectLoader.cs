using Bench.Campaigns.Experiments;
using Bench.Hardware.Ecr;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a terminal profile's <c>ecr:</c> (the ECR port's dialect, hardware/Bench.Hardware/Ecr/README.md) and
/// <c>console:</c> (rules turning debug console lines into trial events) keys.
/// </summary>
internal static class EcrDialectLoader
{
    /// <summary>The bench's own protocol (the default) and a dialect the profile spells out.</summary>
    public static readonly IReadOnlyList<string> Dialects = ["bench", "scripted"];

    /// <summary>Events a console line can stand for; the trial's start and the bench's own SALE are not the terminal's to report.</summary>
    public static readonly IReadOnlyList<string> ConsoleEvents =
        [.. TrialEventKinds.All.Where(kind => kind is not TrialEventKinds.Start and not TrialEventKinds.EcrSaleSent)];

    private static readonly string[] EcrKeys =
    [
        "dialect", "framing", "lineEnding", "sale", "cardPrompt", "result", "ready", "connected", "stan",
        "acknowledgeTimeout", "sendAttempts", "bootTime",
    ];

    private static readonly string[] ResultKeys = ["approved", "declined", "timeout", "noCard", "other"];

    private static readonly string[] FramedOnlyKeys = ["acknowledgeTimeout", "sendAttempts"];

    private static readonly IReadOnlyDictionary<string, string> LineEndings =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["crlf"] = "\r\n", ["lf"] = "\n", ["cr"] = "\r" };

    private static readonly IReadOnlyDictionary<string, EcrFraming> Framings =
        new Dictionary<string, EcrFraming>(StringComparer.Ordinal) { ["line"] = EcrFraming.Line, ["stxEtxLrc"] = EcrFraming.StxEtxLrc };

    /// <summary>The scripted dialect, or null for the bench's own protocol.</summary>
    public static ScriptedEcrDialect? Read(YamlMappingReader reader)
    {
        reader.RejectUnknownKeys(EcrKeys);
        var dialect = reader.OptionalString("dialect") ?? "bench";
        if (!Dialects.Contains(dialect, StringComparer.Ordinal))
            throw reader.Error("dialect", $"must be one of {string.Join(", ", Dialects)} (got '{dialect}')");
        if (dialect == "bench")
        {
            var extra = EcrKeys.Skip(1).FirstOrDefault(reader.Has);
            return extra is null ? null : throw reader.Error(extra, "only a dialect: scripted is described by keys; the bench's own protocol has none");
        }

        var framingText = reader.RequiredString("framing");
        if (!Framings.TryGetValue(framingText, out var framing))
            throw reader.Error("framing", $"must be one of {string.Join(", ", Framings.Keys)} (got '{framingText}')");
        if (framing == EcrFraming.Line && FramedOnlyKeys.FirstOrDefault(reader.Has) is { } framedKey)
            throw reader.Error(framedKey, "only framing: stxEtxLrc acknowledges messages");
        if (framing == EcrFraming.StxEtxLrc && reader.Has("lineEnding"))
            throw reader.Error("lineEnding", "framing: stxEtxLrc has no line ending (STX and ETX delimit each message)");

        var defaults = new ScriptedEcrDialect { SaleCommand = "", CardPrompt = "", Approved = "", Declined = "", Timeout = "" };
        var lineEnding = defaults.LineEnding;
        if (reader.OptionalString("lineEnding") is { } endingName && !LineEndings.TryGetValue(endingName, out lineEnding!))
            throw reader.Error("lineEnding", $"must be one of {string.Join(", ", LineEndings.Keys)} (got '{endingName}')");

        var sale = reader.RequiredString("sale");
        if (!ScriptedEcrDialect.TryFormatSale(sale, 1, out _, out var saleProblem))
            throw reader.Error("sale", $"{saleProblem} (got '{sale}')");

        var result = reader.OptionalMapping("result") ?? throw reader.MissingKey("result");
        result.RejectUnknownKeys(ResultKeys);
        var approved = PatternValue.Required(result, "approved");
        PatternValue.RequireGroup(result, "approved", approved, ScriptedEcrDialect.ApprovalCodeGroup);
        var declined = PatternValue.Required(result, "declined");
        PatternValue.RequireGroup(result, "declined", declined, ScriptedEcrDialect.ResponseCodeGroup);
        var stan = PatternValue.Optional(reader, "stan");
        if (stan is not null) PatternValue.RequireGroup(reader, "stan", stan, ScriptedEcrDialect.StanGroup);

        var acknowledgeTimeout = reader.OptionalDuration("acknowledgeTimeout") ?? defaults.AcknowledgeTimeout;
        if (acknowledgeTimeout < TimeSpan.FromMilliseconds(10) || acknowledgeTimeout > TimeSpan.FromMinutes(1))
            throw reader.Error("acknowledgeTimeout", $"must be between 10ms and 1min (got {DurationText.Format(acknowledgeTimeout)})");
        var attempts = reader.OptionalInteger("sendAttempts") ?? defaults.SendAttempts;
        if (attempts is < 1 or > 10)
            throw reader.Error("sendAttempts", $"must be between 1 and 10 (got {attempts})");
        var bootTime = reader.OptionalDuration("bootTime") ?? defaults.BootTime;
        if (bootTime > TimeSpan.FromMinutes(10))
            throw reader.Error("bootTime", $"must be at most 10min (got {DurationText.Format(bootTime)})");

        return new ScriptedEcrDialect
        {
            Framing = framing,
            LineEnding = lineEnding,
            SaleCommand = sale,
            CardPrompt = PatternValue.Required(reader, "cardPrompt"),
            Approved = approved,
            Declined = declined,
            Timeout = PatternValue.Required(result, "timeout"),
            NoCard = PatternValue.Optional(result, "noCard"),
            Other = PatternValue.Optional(result, "other"),
            Ready = PatternValue.Optional(reader, "ready"),
            Connected = PatternValue.Optional(reader, "connected"),
            Stan = stan,
            AcknowledgeTimeout = acknowledgeTimeout,
            SendAttempts = (int)attempts,
            BootTime = bootTime,
        };
    }

    /// <summary><c>console:</c>: a list of <c>{ pattern: REGEX, event: NAME }</c>, tried in order; the first match decides.</summary>
    public static ConsoleRuleSet ReadConsole(YamlMappingReader reader)
    {
        var rules = new List<ConsoleRule>();
        foreach (var rule in reader.OptionalListOfMappings("console"))
        {
            rule.RejectUnknownKeys(["pattern", "event"]);
            var pattern = PatternValue.Required(rule, "pattern");
            var kind = rule.RequiredString("event");
            if (!ConsoleEvents.Contains(kind, StringComparer.Ordinal))
            {
                var hint = KeySuggestion.Closest(kind, ConsoleEvents.ToList());
                throw rule.Error("event", $"must be one of {string.Join(", ", ConsoleEvents)} (got '{kind}'){(hint is null ? "" : $" (did you mean '{hint}'?)")}");
            }
            rules.Add(new ConsoleRule(pattern, kind));
        }
        return new ConsoleRuleSet(rules);
    }
}
