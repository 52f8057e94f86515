using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Fixtures;

/// <summary>
/// Typed, position-aware access to one YAML mapping of a fixture file. Every failure becomes a
/// <see cref="CampaignFileException"/> that names the file, the key's line and column, and the
/// key path from the document root.
/// </summary>
public sealed class YamlMappingReader
{
    private readonly YamlMappingNode node;
    private readonly FixtureOverrideOrigins? overrides;

    /// <param name="overrides">The nodes <c>--set</c> overrides wrote into this file; problems there are reported as the override's.</param>
    public YamlMappingReader(string file, string keyPath, YamlMappingNode node, FixtureOverrideOrigins? overrides = null)
    {
        File = file;
        KeyPath = keyPath;
        this.node = node;
        this.overrides = overrides;
    }

    public string File { get; }

    public string KeyPath { get; }

    public bool Has(string key) => FindKey(key) is not null;

    /// <summary>Call first: a misspelt key is reported as unknown rather than as the missing key it was meant to be.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowedKeys) => RejectUnknownKeys(allowedKeys, renamedKeys: null);

    /// <summary>
    /// As <see cref="RejectUnknownKeys(IReadOnlyCollection{string})"/>, and a key the dialect renamed (old name → new
    /// name, e.g. <c>response-code</c> → <c>responseCode</c>) gets an error that names its new spelling.
    /// </summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowedKeys, IReadOnlyDictionary<string, string>? renamedKeys)
    {
        foreach (var (keyNode, _) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw ErrorAt(keyNode, KeyPath, "keys must be plain names");
            }

            if (!allowedKeys.Contains(key, StringComparer.Ordinal) && renamedKeys?.GetValueOrDefault(key) is { } newName)
            {
                throw ErrorAt(keyNode, PathOf(key), $"this key is now spelt '{newName}' (keys are camelCase); rename it");
            }

            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var hint = KeySuggestion.Closest(key, allowedKeys);
                var suggestion = hint is null ? "" : $" (did you mean '{hint}'?)";
                throw ErrorAt(keyNode, PathOf(key), $"unknown key{suggestion}; allowed keys: {string.Join(", ", allowedKeys)}");
            }
        }
    }

    public string RequiredString(string key) =>
        OptionalString(key) ?? throw MissingKey(key);

    public string? OptionalString(string key)
    {
        if (FindKey(key) is not { } keyNode)
        {
            return null;
        }

        var value = node.Children[keyNode];
        if (value is not YamlScalarNode scalar)
        {
            throw ErrorAt(keyNode, PathOf(key), $"must be a single value (got {Describe(value)})");
        }

        // A quoted "" is as empty as a bare key: an optional value is left out rather than blanked.
        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            throw ErrorAt(keyNode, PathOf(key), "must not be empty");
        }

        return scalar.Value!;
    }

    public double RequiredNumber(string key) =>
        OptionalNumber(key) ?? throw MissingKey(key);

    public double? OptionalNumber(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw Error(key, $"must be a number (got '{text}')");
        }

        return number;
    }

    public long RequiredInteger(string key) =>
        OptionalInteger(key) ?? throw MissingKey(key);

    public long? OptionalInteger(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Error(key, $"must be a whole number (got '{text}')");
        }

        return number;
    }

    public TimeSpan RequiredDuration(string key) =>
        OptionalDuration(key) ?? throw MissingKey(key);

    public TimeSpan? OptionalDuration(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            var trimmed = text.Trim();
            throw trimmed.StartsWith('-') && DurationText.TryParse(trimmed[1..], out _)
                ? Error(key, $"must not be negative (got '{text}')")
                : Error(key, $"must be {DurationText.ExpectedForm} (got '{text}')");
        }

        return duration;
    }

    /// <summary>
    /// A quantity in seconds: a plain number, or a duration with a unit (<c>90</c>, <c>90s</c>, <c>1.5min</c>).
    /// Sweep ranges use this so a delay range reads naturally either way.
    /// </summary>
    public double? OptionalSeconds(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        if (DurationText.TryParse(text, out var duration))
        {
            return duration.TotalSeconds;
        }

        throw Error(key, $"must be a number of seconds or {DurationText.ExpectedForm} (got '{text}')");
    }

    /// <summary>
    /// <c>true</c> or <c>false</c> (YAML 1.2 core spellings: also <c>True</c>, <c>TRUE</c>, ...). YAML 1.1's
    /// <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c> are rejected rather than guessed at.
    /// </summary>
    public bool? OptionalBoolean(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(key, $"must be true or false (got '{text}')"),
        };
    }

    /// <summary>An enum member by its exact name; numbers are rejected. The error lists the allowed names.</summary>
    public TEnum? OptionalEnum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        var names = Enum.GetNames<TEnum>();
        if (names.Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(text);
        }

        var hint = KeySuggestion.Closest(text, names);
        var suggestion = hint is null ? "" : $" (did you mean '{hint}'?)";
        throw Error(key, $"must be one of {string.Join(", ", names)} (got '{text}'){suggestion}");
    }

    /// <summary>
    /// A nested mapping (e.g. <c>swipe:</c> with indented keys below it), or null when the key is absent.
    /// Its keys' paths are prefixed with <paramref name="key"/>, e.g. <c>phoneLine.sensePin</c>.
    /// </summary>
    public YamlMappingReader? OptionalMapping(string key)
    {
        if (FindKey(key) is not { } keyNode)
        {
            return null;
        }

        var value = node.Children[keyNode];
        if (value is not YamlMappingNode mapping)
        {
            throw ErrorAt(keyNode, PathOf(key), $"must be a mapping of keys (got {Describe(value)}); leave the key out to omit it");
        }

        return new YamlMappingReader(File, PathOf(key), mapping, overrides);
    }

    /// <summary>1-based line and column of <paramref name="key"/> (of this mapping when the key is absent).</summary>
    public (int Line, int Column) LocationOf(string key)
    {
        var located = FindKey(key) ?? node;
        return (YamlFixtureFile.ToInt(located.Start.Line), YamlFixtureFile.ToInt(located.Start.Column));
    }

    /// <summary>A path relative to this file's folder; the file must exist. Returns the full path.</summary>
    public string RequiredFile(string key) =>
        OptionalFile(key) ?? throw MissingKey(key);

    public string? OptionalFile(string key)
    {
        if (OptionalString(key) is not { } reference)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";
        var resolved = Path.GetFullPath(Path.Combine(folder, reference));
        if (Directory.Exists(resolved))
        {
            throw Error(key, $"'{reference}' is a folder (resolved to {resolved}); name a file in it");
        }

        if (!System.IO.File.Exists(resolved))
        {
            throw Error(key, $"referenced file '{reference}' does not exist (resolved to {resolved})");
        }

        return resolved;
    }

    /// <summary>True when <paramref name="key"/> is present and holds a mapping (rather than a single value or a list).</summary>
    public bool HasMapping(string key) => FindKey(key) is { } keyNode && node.Children[keyNode] is YamlMappingNode;

    /// <summary>
    /// One value or a list of values (<c>terminalId: TERM0001</c> or <c>terminalId: [TERM0001, TERM0002]</c>), or null
    /// when the key is absent. <paramref name="problemOf"/> returns what is wrong with a value, or null when it is fine;
    /// a problem is reported at that value, e.g. <c>match.terminalId[1]</c>.
    /// </summary>
    public IReadOnlyList<string>? OptionalStringList(string key, Func<string, string?> problemOf)
    {
        if (FindKey(key) is not { } keyNode)
        {
            return null;
        }

        var value = node.Children[keyNode];
        if (value is YamlScalarNode)
        {
            var single = OptionalString(key)!;
            return problemOf(single) is { } problem ? throw ErrorAt(keyNode, PathOf(key), problem) : [single];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw ErrorAt(keyNode, PathOf(key), $"must be a value or a list of values (got {Describe(value)})");
        }

        if (sequence.Children.Count == 0)
        {
            throw ErrorAt(keyNode, PathOf(key), "must list at least one value");
        }

        var values = new List<string>(sequence.Children.Count);
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var item = sequence.Children[index];
            var itemPath = $"{PathOf(key)}[{index}]";
            if (item is not YamlScalarNode { Value: { } text } scalar || IsNull(scalar) || string.IsNullOrWhiteSpace(text))
            {
                throw ErrorAt(item, itemPath, $"must be a single value (got {Describe(item)})");
            }

            if (problemOf(text) is { } problem)
            {
                throw ErrorAt(item, itemPath, problem);
            }

            values.Add(text);
        }

        return values;
    }

    /// <summary>A list of mappings that may be empty (<c>rules: []</c>); empty when the key is absent.</summary>
    public IReadOnlyList<YamlMappingReader> OptionalListOfMappings(string key) =>
        FindKey(key) is { } keyNode && node.Children[keyNode] is YamlSequenceNode { Children.Count: 0 } ? [] : Has(key) ? RequiredListOfMappings(key) : [];

    public IReadOnlyList<YamlMappingReader> RequiredListOfMappings(string key)
    {
        if (FindKey(key) is not { } keyNode)
        {
            throw MissingKey(key);
        }

        var value = node.Children[keyNode];
        if (value is not YamlSequenceNode sequence)
        {
            throw ErrorAt(keyNode, PathOf(key), $"must be a list (got {Describe(value)})");
        }

        if (sequence.Children.Count == 0)
        {
            throw ErrorAt(keyNode, PathOf(key), "must list at least one entry");
        }

        var items = new List<YamlMappingReader>(sequence.Children.Count);
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var itemPath = $"{PathOf(key)}[{index}]";
            if (sequence.Children[index] is not YamlMappingNode item)
            {
                throw ErrorAt(sequence.Children[index], itemPath, $"must be a mapping of keys (got {Describe(sequence.Children[index])})");
            }

            items.Add(new YamlMappingReader(File, itemPath, item, overrides));
        }

        return items;
    }

    /// <summary>An error about the value of <paramref name="key"/>, located at the key.</summary>
    public CampaignFileException Error(string key, string problem) =>
        FindKey(key) is { } keyNode
            ? ErrorAt(keyNode, PathOf(key), problem)
            : ErrorAt(node, PathOf(key), problem);

    public CampaignFileException MissingKey(string key) =>
        ErrorAt(node, PathOf(key), "required key is missing");

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private YamlNode? FindKey(string key) =>
        node.Children.Keys.FirstOrDefault(candidate => candidate is YamlScalarNode { Value: { } value } && value == key);

    /// <summary>The key path of <paramref name="key"/> in this mapping, e.g. <c>phoneLine.sensePin</c>.</summary>
    public string KeyPathOf(string key) => PathOf(key);

    private string PathOf(string key) => KeyPath.Length == 0 ? key : $"{KeyPath}.{key}";

    private CampaignFileException ErrorAt(YamlNode node, string keyPath, string problem) =>
        overrides?.ErrorFor(node, keyPath, problem)
        ?? new(File, YamlFixtureFile.ToInt(node.Start.Line), YamlFixtureFile.ToInt(node.Start.Column), keyPath, problem);
}
