using System.Globalization;
using Bench.Codec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Host;

/// <summary>
/// Reads a host rule set from YAML (schema in fixtures/hosts/README.md). Walks the YAML node tree
/// rather than deserializing, so every error names the file, line and column of the offending
/// node, and scalars like <c>0200</c> stay strings.
/// </summary>
public static class HostRuleSetLoader
{
    private static readonly HashSet<string> RuleSetKeys = ["name", "description", "default", "rules"];
    private static readonly HashSet<string> RuleKeys = ["name", "match", "action"];
    private static readonly HashSet<string> MatchKeys = ["mti", "processing-code", "terminal-id", "amount"];
    private static readonly HashSet<string> AmountKeys = ["min", "max"];
    private static readonly HashSet<string> ActionKeys = ["kind", "response-code", "seconds", "then"];

    public static HostRuleSet LoadFile(string path) =>
        Parse(File.ReadAllText(path), path, Path.GetFileNameWithoutExtension(path));

    /// <param name="source">The file name errors report.</param>
    /// <param name="defaultName">The set's name when the YAML gives none.</param>
    public static HostRuleSet Parse(string yaml, string source, string? defaultName = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new HostRuleSetException(source, exception.Start.Line, exception.Start.Column, exception.Message, exception);
        }
        if (stream.Documents.Count == 0)
            return new HostRuleSet(defaultName ?? source, [], ApproveAction.Instance);

        var reader = new NodeReader(source);
        var root = reader.Mapping(stream.Documents[0].RootNode, "the rule set", RuleSetKeys);
        var name = reader.OptionalString(root, "name") ?? defaultName ?? source;
        var defaultAction = root.Children.TryGetValue(new YamlScalarNode("default"), out var defaultNode)
            ? reader.Action(defaultNode)
            : ApproveAction.Instance;
        var rules = new List<HostRule>();
        if (root.Children.TryGetValue(new YamlScalarNode("rules"), out var rulesNode))
        {
            if (rulesNode is not YamlSequenceNode sequence)
                throw reader.Error(rulesNode, "'rules' must be a list");
            foreach (var ruleNode in sequence)
            {
                var rule = reader.Mapping(ruleNode, "a rule", RuleKeys);
                var ruleName = reader.OptionalString(rule, "name") ?? $"rule {rules.Count + 1}";
                var match = rule.Children.TryGetValue(new YamlScalarNode("match"), out var matchNode)
                    ? reader.Match(matchNode)
                    : RuleMatch.Any;
                if (!rule.Children.TryGetValue(new YamlScalarNode("action"), out var actionNode))
                    throw reader.Error(ruleNode, $"rule '{ruleName}' has no 'action'");
                rules.Add(new HostRule(ruleName, match, reader.Action(actionNode)));
            }
        }
        return new HostRuleSet(name, rules, defaultAction);
    }

    private sealed class NodeReader(string source)
    {
        public HostRuleSetException Error(YamlNode node, string reason) =>
            new(source, node.Start.Line, node.Start.Column, reason);

        public YamlMappingNode Mapping(YamlNode node, string what, HashSet<string> allowedKeys)
        {
            if (node is not YamlMappingNode mapping) throw Error(node, $"{what} must be a mapping");
            foreach (var key in mapping.Children.Keys)
                if (key is not YamlScalarNode { Value: { } text } || !allowedKeys.Contains(text))
                    throw Error(key, $"unknown key '{key}' in {what}; expected one of {string.Join(", ", allowedKeys)}");
            return mapping;
        }

        public string? OptionalString(YamlMappingNode mapping, string key) =>
            mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Scalar(node, key) : null;

        public string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"'{what}' must be a single value");

        public RuleMatch Match(YamlNode node)
        {
            var mapping = Mapping(node, "'match'", MatchKeys);
            var match = RuleMatch.Any;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                match = key switch
                {
                    "mti" => match with { Mtis = Set(value, key, text => text.Length == 4 && text.All(char.IsAsciiDigit) && MessageTypes.IsKnown(text), "a known 4-digit MTI such as \"0200\"") },
                    "processing-code" => match with { ProcessingCodes = Set(value, key, text => text.Length == 6 && text.All(char.IsAsciiDigit), "6 digits such as \"000000\"") },
                    "terminal-id" => match with { TerminalIds = Set(value, key, text => text.Length is > 0 and <= 8, "a terminal id of up to 8 characters") },
                    _ => Amount(match, value),
                };
            }
            return match;
        }

        public HostAction Action(YamlNode node)
        {
            if (node is YamlScalarNode scalar) return ActionOfKind(node, Scalar(scalar, "action"), null);
            var mapping = Mapping(node, "an action", ActionKeys);
            if (!mapping.Children.TryGetValue(new YamlScalarNode("kind"), out var kindNode))
                throw Error(node, "an action needs a 'kind'");
            return ActionOfKind(node, Scalar(kindNode, "kind"), mapping);
        }

        private HostAction ActionOfKind(YamlNode node, string kind, YamlMappingNode? mapping)
        {
            YamlNode? Get(string key) => mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
            void Reject(params string[] keys)
            {
                foreach (var key in keys)
                    if (Get(key) is { } extra) throw Error(extra, $"'{key}' does not apply to '{kind}'");
            }

            switch (kind)
            {
                case "approve":
                    Reject("response-code", "seconds", "then");
                    return ApproveAction.Instance;
                case "no-reply":
                    Reject("response-code", "seconds", "then");
                    return NoReplyAction.Instance;
                case "approve-then-drop":
                    Reject("response-code", "seconds", "then");
                    return ApproveThenDropAction.Instance;
                case "decline":
                    Reject("seconds", "then");
                    var codeNode = Get("response-code") ?? throw Error(node, "'decline' needs a 'response-code', e.g. \"51\"");
                    var code = Scalar(codeNode, "response-code");
                    if (code.Length != 2 || !code.All(char.IsAsciiLetterOrDigit))
                        throw Error(codeNode, $"response code '{code}' must be 2 letters or digits");
                    if (code == ResponseCodes.Approved) throw Error(codeNode, "a decline cannot use the approval code 00; use 'approve'");
                    return new DeclineAction(code);
                case "delay":
                    Reject("response-code");
                    var secondsNode = Get("seconds") ?? throw Error(node, "'delay' needs 'seconds'");
                    var secondsText = Scalar(secondsNode, "seconds");
                    // IsFinite also rejects NaN, which slips through every comparison and makes TimeSpan throw without a line.
                    if (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 86_400)
                        throw Error(secondsNode, $"'{secondsText}' is not a number of seconds between 0 and 86400");
                    var then = Get("then") is { } thenNode ? Action(thenNode) : ApproveAction.Instance;
                    return new DelayAction(TimeSpan.FromSeconds(seconds), then);
                default:
                    throw Error(node, $"unknown action '{kind}'; expected approve, decline, delay, no-reply or approve-then-drop");
            }
        }

        private RuleMatch Amount(RuleMatch match, YamlNode node)
        {
            var mapping = Mapping(node, "'amount'", AmountKeys);
            long? Bound(string key)
            {
                if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var value)) return null;
                var text = Scalar(value, key);
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bound) && bound <= 999_999_999_999
                    ? bound
                    : throw Error(value, $"amount {key} '{text}' must be a whole number of minor units (0 to 999999999999)");
            }
            var (minimum, maximum) = (Bound("min"), Bound("max"));
            if (minimum > maximum) throw Error(node, $"amount min {minimum} is above max {maximum}");
            return match with { MinimumAmount = minimum, MaximumAmount = maximum };
        }

        private HashSet<string> Set(YamlNode node, string key, Func<string, bool> valid, string expected)
        {
            IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var text = Scalar(item, key);
                if (!valid(text)) throw Error(item, $"'{text}' is not {expected}");
                values.Add(text);
            }
            if (values.Count == 0) throw Error(node, $"'{key}' lists nothing");
            return values;
        }
    }
}
