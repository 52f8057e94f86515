using System.Globalization;
using Bench.Codec;
using Bench.Fixtures;

namespace Bench.Host;

/// <summary>
/// Reads a host rule set (fixtures/hosts/*.yaml, schema in fixtures/hosts/README.md) with the
/// fixtures' reader: camelCase keys, durations with units, and errors as
/// <c>file:line:column: key.path: problem</c> with the nearest allowed key suggested. Keys of the
/// old kebab-case dialect get an error naming their new spelling.
/// </summary>
public static class HostRuleSetLoader
{
    /// <summary>The longest delay a rule file may ask for: a day; anything longer is no reply at all.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromDays(1);

    private static readonly string[] RuleSetKeys = ["name", "description", "default", "rules", "macCheck", "macCheckExempt", "capacity"];
    private static readonly string[] RuleKeys = ["name", "match", "action"];
    private static readonly string[] MatchKeys = ["mti", "processingCode", "terminalId", "amount", "occurrence"];
    private static readonly string[] OccurrenceKeys = ["min", "max"];
    private static readonly string[] AmountKeys = ["min", "max"];
    private static readonly string[] CapacityKeys = ["workers", "serviceTime", "seed"];
    private static readonly string[] ServiceTimeKeys = ["distribution", "mean", "sigma"];
    private static readonly string[] Distributions = ["constant", "exponential", "lognormal"];

    /// <summary>Each action kind and the keys it takes besides <c>kind</c>.</summary>
    private static readonly Dictionary<string, string[]> ActionKeys = new(StringComparer.Ordinal)
    {
        ["approve"] = [],
        ["decline"] = ["responseCode"],
        ["delay"] = ["delay", "then"],
        ["noReply"] = [],
        ["approveThenDrop"] = [],
        ["lateReply"] = ["after", "connection", "then"],
        ["duplicateReply"] = ["copies", "interval", "then"],
        ["corruptMac"] = ["then"],
        ["reSignOn"] = ["responseCode", "then"],
        ["dropReversalReply"] = ["then"],
        ["splitReply"] = ["segmentBytes", "interval", "then"],
    };

    /// <summary>The kinds that cannot be a bare word, with an example of their mapping.</summary>
    private static readonly Dictionary<string, string> NeedsParameters = new(StringComparer.Ordinal)
    {
        ["decline"] = "{ kind: decline, responseCode: \"51\" }",
        ["delay"] = "{ kind: delay, delay: 35s }",
        ["lateReply"] = "{ kind: lateReply, after: 40s, connection: next }",
        ["splitReply"] = "{ kind: splitReply, segmentBytes: 8, interval: 200ms }",
    };

    /// <summary>The kebab-case dialect's keys and action kinds, and their camelCase names.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["processing-code"] = "processingCode",
        ["terminal-id"] = "terminalId",
        ["response-code"] = "responseCode",
        ["seconds"] = "delay",
        ["no-reply"] = "noReply",
        ["approve-then-drop"] = "approveThenDrop",
        ["mac-check"] = "macCheck",
    };

    private static readonly string[] AllActionKeys = ["kind", .. ActionKeys.Values.SelectMany(keys => keys).Distinct()];

    /// <exception cref="HostRuleSetException">The file is missing, malformed or has an invalid value.</exception>
    public static HostRuleSet LoadFile(string path) =>
        Load(() => YamlFixtureFile.OpenRootMapping(path), Path.GetFileNameWithoutExtension(path));

    /// <param name="source">The file name errors report.</param>
    /// <param name="defaultName">The set's name when the YAML gives none.</param>
    /// <exception cref="HostRuleSetException">The text is malformed or has an invalid value.</exception>
    public static HostRuleSet Parse(string yaml, string source, string? defaultName = null) =>
        Load(() => YamlFixtureFile.ParseRootMapping(yaml, source), defaultName ?? Path.GetFileNameWithoutExtension(source));

    private static HostRuleSet Load(Func<YamlMappingReader> open, string defaultName)
    {
        try
        {
            return Read(open(), defaultName);
        }
        catch (CampaignFileException error) when (error is not HostRuleSetException)
        {
            throw new HostRuleSetException(error);
        }
    }

    private static HostRuleSet Read(YamlMappingReader root, string defaultName)
    {
        root.RejectUnknownKeys(RuleSetKeys, Renamed);
        var name = root.OptionalString("name") ?? defaultName;
        root.OptionalString("description");
        var defaultAction = root.Has("default") ? Action(root, "default") : ApproveAction.Instance;
        var rules = new List<HostRule>();
        foreach (var rule in root.OptionalListOfMappings("rules"))
        {
            rule.RejectUnknownKeys(RuleKeys, Renamed);
            var ruleName = rule.OptionalString("name") ?? $"rule {rules.Count + 1}";
            var match = rule.OptionalMapping("match") is { } matchReader ? Match(matchReader) : RuleMatch.Any;
            if (!rule.Has("action")) throw rule.MissingKey("action");
            rules.Add(new HostRule(ruleName, match, Action(rule, "action")));
        }

        var macCheck = root.OptionalBoolean("macCheck") ?? true;
        var exempt = root.OptionalStringList("macCheckExempt", TerminalIdProblem);
        if (exempt is not null && !macCheck)
            throw root.Error("macCheckExempt", "lists exemptions from a MAC check that 'macCheck: false' already turns off; drop one of the two");
        var capacity = root.OptionalMapping("capacity") is { } capacityReader ? Capacity(capacityReader) : null;
        return new HostRuleSet(name, rules, defaultAction)
        {
            MacCheck = !macCheck ? MacCheckPolicy.Off
                : exempt is null ? MacCheckPolicy.On
                : new MacCheckPolicy(true, new HashSet<string>(exempt, StringComparer.Ordinal)),
            Capacity = capacity,
        };
    }

    private static RuleMatch Match(YamlMappingReader match)
    {
        match.RejectUnknownKeys(MatchKeys, Renamed);
        var result = RuleMatch.Any with
        {
            Mtis = Set(match.OptionalStringList("mti", text =>
                text.Length == 4 && text.All(char.IsAsciiDigit) && MessageTypes.IsKnown(text) ? null : $"'{text}' is not a known 4-digit MTI such as \"0200\" (quote it)")),
            ProcessingCodes = Set(match.OptionalStringList("processingCode", text =>
                text.Length == 6 && text.All(char.IsAsciiDigit) ? null : $"'{text}' is not 6 digits such as \"000000\" (quote it)")),
            TerminalIds = Set(match.OptionalStringList("terminalId", TerminalIdProblem)),
        };
        if (match.OptionalMapping("occurrence") is { } occurrence)
        {
            occurrence.RejectUnknownKeys(OccurrenceKeys);
            var (first, last) = (Occurrence(occurrence, "min"), Occurrence(occurrence, "max"));
            if (first is null && last is null) throw match.Error("occurrence", "needs 'min', 'max' or both");
            if (first > last) throw occurrence.Error("min", $"{first} is above max {last}");
            result = result with { MinimumOccurrence = first is null ? null : (int)first, MaximumOccurrence = last is null ? null : (int)last };
        }
        if (match.OptionalMapping("amount") is not { } amount) return result;

        amount.RejectUnknownKeys(AmountKeys);
        var (minimum, maximum) = (Amount(amount, "min"), Amount(amount, "max"));
        if (minimum is null && maximum is null) throw match.Error("amount", "needs 'min', 'max' or both");
        if (minimum > maximum) throw amount.Error("min", $"{minimum} is above max {maximum}");
        return result with { MinimumAmount = minimum, MaximumAmount = maximum };
    }

    private static long? Occurrence(YamlMappingReader occurrence, string key)
    {
        var value = occurrence.OptionalInteger(key);
        return value is null or (>= 1 and <= 1000)
            ? value
            : throw occurrence.Error(key, $"must be a whole number from 1 (the first reception) to 1000 (got {value})");
    }

    private static long? Amount(YamlMappingReader amount, string key)
    {
        var value = amount.OptionalInteger(key);
        return value is null or (>= 0 and <= 999_999_999_999)
            ? value
            : throw amount.Error(key, $"must be a whole number of minor units from 0 to 999999999999 (got {value})");
    }

    private static string? TerminalIdProblem(string text) =>
        text.Length is > 0 and <= 8 ? null : $"'{text}' is not a terminal id of up to 8 characters";

    private static HashSet<string>? Set(IReadOnlyList<string>? values) =>
        values is null ? null : new HashSet<string>(values, StringComparer.Ordinal);

    /// <summary>The action under <paramref name="key"/>: a bare kind (<c>approve</c>) or a mapping with <c>kind</c> and its parameters.</summary>
    private static HostAction Action(YamlMappingReader parent, string key)
    {
        if (!parent.HasMapping(key))
        {
            var bare = parent.RequiredString(key);
            var bareKind = Kind(bare) ?? throw parent.Error(key, UnknownKind(bare));
            if (NeedsParameters.TryGetValue(bareKind, out var example))
                throw parent.Error(key, $"'{bareKind}' needs parameters, e.g. {example}");
            return Build(bareKind, null);
        }

        var action = parent.OptionalMapping(key)!;
        action.RejectUnknownKeys(AllActionKeys, Renamed);
        var text = action.RequiredString("kind");
        var kind = Kind(text) ?? throw action.Error("kind", UnknownKind(text));
        var allowed = ActionKeys[kind];
        foreach (var other in AllActionKeys)
            if (other != "kind" && !allowed.Contains(other) && action.Has(other))
                throw action.Error(other, allowed.Length == 0
                    ? $"does not apply to '{kind}', which takes no parameters"
                    : $"does not apply to '{kind}'; it takes {string.Join(", ", allowed)}");
        return Build(kind, action);
    }

    private static HostAction Build(string kind, YamlMappingReader? action)
    {
        HostAction Then() => action is not null && action.Has("then") ? Action(action, "then") : ApproveAction.Instance;
        switch (kind)
        {
            case "approve": return ApproveAction.Instance;
            case "noReply": return NoReplyAction.Instance;
            case "approveThenDrop": return ApproveThenDropAction.Instance;
            case "decline":
                var code = action!.RequiredString("responseCode");
                if (code.Length != 2 || !code.All(char.IsAsciiLetterOrDigit)) throw action.Error("responseCode", $"must be 2 letters or digits (got '{code}')");
                if (code == ResponseCodes.Approved) throw action.Error("responseCode", "a decline cannot use the approval code 00; use 'approve'");
                return new DeclineAction(code);
            case "delay":
                return new DelayAction(Duration(action!, "delay", required: true)!.Value, Then());
            case "lateReply":
                var connection = action!.OptionalString("connection") ?? "same";
                if (connection is not ("same" or "next")) throw action.Error("connection", $"must be same or next (got '{connection}')");
                return new LateReplyAction(Duration(action, "after", required: true)!.Value,
                    connection == "same" ? LateReplyConnection.Same : LateReplyConnection.Next, Then());
            case "duplicateReply":
                var copies = action?.OptionalInteger("copies") ?? 2;
                if (copies is < 2 or > DuplicateReplyAction.MaximumCopies)
                    throw action!.Error("copies", $"must be from 2 to {DuplicateReplyAction.MaximumCopies}: the reply is sent that many times in all (got {copies})");
                return new DuplicateReplyAction((int)copies, action is null ? TimeSpan.Zero : Duration(action, "interval", required: false) ?? TimeSpan.Zero, Then());
            case "corruptMac": return new CorruptMacAction(Then());
            case "dropReversalReply": return new DropReversalReplyAction(Then());
            case "reSignOn":
                var reason = action?.OptionalString("responseCode");
                if (reason is not null && !ReSignOnAction.ResponseCodes.Contains(reason))
                    throw action!.Error("responseCode", $"must be one of {string.Join(", ", ReSignOnAction.ResponseCodes)}, the codes that make a terminal sign on again (got '{reason}')");
                if (reason is not null && action!.Has("then"))
                    throw action.Error("then", "does not apply with a 'responseCode': the request is declined with that code");
                return new ReSignOnAction(reason, Then());
            case "splitReply":
                var bytes = action!.RequiredInteger("segmentBytes");
                if (bytes is < 1 or > Framing.MaxBodyLength) throw action.Error("segmentBytes", $"must be from 1 to {Framing.MaxBodyLength} (got {bytes})");
                return new SplitReplyAction(new ReplySegmentation((int)bytes, Duration(action, "interval", required: true)!.Value), Then());
            default:
                throw new InvalidOperationException($"action kind '{kind}' has no builder");
        }
    }

    private static TimeSpan? Duration(YamlMappingReader action, string key, bool required)
    {
        var duration = required ? action.RequiredDuration(key) : action.OptionalDuration(key);
        if (duration > MaximumDelay)
            throw action.Error(key, $"must be at most {DurationText.Format(MaximumDelay)} (got {DurationText.Format(duration.Value)}); a reply that never comes is 'noReply'");
        return duration;
    }

    private static string? Kind(string text) => ActionKeys.ContainsKey(text) ? text : null;

    private static string UnknownKind(string text)
    {
        if (Renamed.TryGetValue(text, out var renamed)) return $"action kinds are camelCase now: write '{renamed}' (got '{text}')";
        var hint = KeySuggestion.Closest(text, ActionKeys.Keys);
        return $"unknown action '{text}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}; expected one of {string.Join(", ", ActionKeys.Keys)}";
    }

    private static HostCapacity Capacity(YamlMappingReader capacity)
    {
        capacity.RejectUnknownKeys(CapacityKeys);
        var workers = capacity.RequiredInteger("workers");
        if (workers is < 1 or > HostCapacity.MaximumWorkers)
            throw capacity.Error("workers", $"must be from 1 to {HostCapacity.MaximumWorkers} (got {workers})");
        var seed = capacity.OptionalInteger("seed") ?? 1;
        if (seed is < int.MinValue or > int.MaxValue) throw capacity.Error("seed", $"must fit a 32-bit integer (got {seed})");
        var service = capacity.OptionalMapping("serviceTime") ?? throw capacity.MissingKey("serviceTime");
        service.RejectUnknownKeys(ServiceTimeKeys);
        var distribution = service.RequiredString("distribution");
        if (!Distributions.Contains(distribution))
        {
            var hint = KeySuggestion.Closest(distribution, Distributions);
            throw service.Error("distribution", $"must be one of {string.Join(", ", Distributions)} (got '{distribution}'){(hint is null ? "" : $" (did you mean '{hint}'?)")}");
        }
        var mean = service.RequiredDuration("mean");
        if (mean > ServiceTime.MaximumMean)
            throw service.Error("mean", $"must be at most {DurationText.Format(ServiceTime.MaximumMean)} (got {DurationText.Format(mean)})");
        if (distribution != "lognormal" && service.Has("sigma")) throw service.Error("sigma", $"applies to lognormal only, not {distribution}");
        ServiceTime serviceTime = distribution switch
        {
            "constant" => new ConstantServiceTime(mean),
            "exponential" => new ExponentialServiceTime(mean),
            _ => new LogNormalServiceTime(mean, Sigma(service)),
        };
        return new HostCapacity((int)workers, serviceTime, (int)seed);
    }

    private static double Sigma(YamlMappingReader service)
    {
        var sigma = service.RequiredNumber("sigma");
        return sigma is > 0 and <= 3
            ? sigma
            : throw service.Error("sigma", $"must be above 0 and at most 3 (got {sigma.ToString(CultureInfo.InvariantCulture)})");
    }
}
