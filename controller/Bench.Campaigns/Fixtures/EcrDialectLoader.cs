using Bench.Campaigns.Experiments;
using Bench.Hardware.Ecr;
using Bench.SimulatedTerminal.Ecr;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a terminal profile's <c>ecr:</c> (the ECR port's dialect, hardware/Bench.Hardware/Ecr/README.md) and
/// <c>console:</c> (rules turning debug console lines into trial events) keys. A scripted dialect's
/// <c>simulatedTerminal:</c> templates are checked against its patterns: each, rendered with sample values, must be
/// recognised as its own message, so a profile cannot say one thing and simulate another.
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
        "acknowledgeTimeout", "sendAttempts", "bootTime", SimulatedTerminalKey,
    ];

    private const string SimulatedTerminalKey = "simulatedTerminal";

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

        var scripted = new ScriptedEcrDialect
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
        return reader.OptionalMapping(SimulatedTerminalKey) is { } templates
            ? scripted with { SimulatedTerminal = ReadSimulatedTerminal(reader, templates, scripted) }
            : scripted;
    }

    /// <summary>
    /// <c>ecr.simulatedTerminal:</c>: what the simulated terminal prints, one template per message the dialect recognises
    /// (present exactly when its pattern is), each checked by rendering it with <see cref="ScriptedDialectOutput.SampleValues"/>
    /// and recognising the text as the controller will; and the terminal must be able to read the sale command.
    /// </summary>
    private static ScriptedEcrTerminalTemplates ReadSimulatedTerminal(YamlMappingReader ecr, YamlMappingReader reader, ScriptedEcrDialect dialect)
    {
        var messages = Enum.GetValues<ScriptedEcrMessage>();
        reader.RejectUnknownKeys([.. messages.Select(TemplateKey)]);
        if (!ScriptedSaleCommand.TryCreate(dialect.SaleCommand, out _, out var saleProblem))
            throw ecr.Error("sale", $"{saleProblem}, as ecr.{SimulatedTerminalKey} needs (got '{dialect.SaleCommand}')");

        var recogniser = new ScriptedEcrRecogniser(dialect);
        var texts = new Dictionary<ScriptedEcrMessage, string>();
        foreach (var message in messages)
        {
            var key = TemplateKey(message);
            var patternKey = "ecr." + PatternKey(message);
            var pattern = ScriptedDialectOutput.PatternOf(dialect, message);
            if (reader.OptionalString(key) is not { } text)
            {
                if (pattern is null) continue;
                throw reader.Error(key, $"required: {patternKey} recognises this message, so the simulated terminal must print it");
            }
            if (pattern is null)
                throw reader.Error(key, $"the dialect has no {patternKey} pattern to recognise it: declare one or drop the template");
            if (!EcrOutputTemplate.TryParse(text, ScriptedDialectOutput.PlaceholdersOf(message), out var template, out var problem))
                throw reader.Error(key, $"{problem} (got '{text}')");
            if (CheckTemplate(message, template!, pattern, patternKey, recogniser) is { } mismatch)
                throw reader.Error(key, mismatch);
            texts[message] = text;
        }
        return new ScriptedEcrTerminalTemplates
        {
            CardPrompt = texts[ScriptedEcrMessage.CardPrompt],
            Approved = texts[ScriptedEcrMessage.Approved],
            Declined = texts[ScriptedEcrMessage.Declined],
            Timeout = texts[ScriptedEcrMessage.Timeout],
            NoCard = texts.GetValueOrDefault(ScriptedEcrMessage.NoCard),
            Other = texts.GetValueOrDefault(ScriptedEcrMessage.Other),
            Ready = texts.GetValueOrDefault(ScriptedEcrMessage.Ready),
            Connected = texts.GetValueOrDefault(ScriptedEcrMessage.Connected),
            Stan = texts.GetValueOrDefault(ScriptedEcrMessage.Stan),
        };
    }

    /// <summary>Why the template, rendered with sample values, is not recognised as its own message with those values; null when it is.</summary>
    private static string? CheckTemplate(
        ScriptedEcrMessage message, EcrOutputTemplate template, string pattern, string patternKey, ScriptedEcrRecogniser recogniser)
    {
        var rendered = template.Render(ScriptedDialectOutput.SampleValues);
        var own = ScriptedEcrDialect.Compile(pattern).Match(rendered);
        if (!own.Success) return $"'{rendered}' (rendered with sample values) does not match {patternKey} '{pattern}'";
        var line = recogniser.Recognise(rendered, timestamp: 0);
        if (line.Error is not null) return $"'{rendered}' (rendered with sample values): {line.Error}";
        if ((line.Kind, line.Outcome) != ScriptedDialectOutput.MeaningOf(message))
        {
            var taker = Enum.GetValues<ScriptedEcrMessage>().First(other => ScriptedDialectOutput.MeaningOf(other) == (line.Kind, line.Outcome));
            return $"'{rendered}' (rendered with sample values) is recognised by ecr.{PatternKey(taker)}, which is tried before {patternKey}";
        }
        foreach (var group in ScriptedDialectOutput.PlaceholdersOf(message))
        {
            var sample = ScriptedDialectOutput.SampleValues[group];
            var captured = own.Groups[group];
            var printed = template.Placeholders.Contains(group);
            if (!captured.Success && !printed) continue;
            if (captured.Success && !printed)
                return $"{patternKey} captures {group} ('{captured.Value}' from '{rendered}'), but the template has no {{{group}}} to print it";
            if (captured.Value != sample)
                return $"{patternKey} captures {(captured.Success ? $"'{captured.Value}'" : "nothing")} as {group} from '{rendered}', where the terminal printed the sample {group} '{sample}'";
        }
        return null;
    }

    /// <summary>The key of a message's template under <c>simulatedTerminal:</c>, e.g. <c>cardPrompt</c>.</summary>
    private static string TemplateKey(ScriptedEcrMessage message)
    {
        var name = message.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The key of the pattern that recognises a message, under <c>ecr:</c>, e.g. <c>result.approved</c>.</summary>
    private static string PatternKey(ScriptedEcrMessage message) =>
        ScriptedDialectOutput.MeaningOf(message).Kind == EcrLineKind.Result ? "result." + TemplateKey(message) : TemplateKey(message);

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
