using System.Text.RegularExpressions;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a regular expression from a fixture key and compiles it as the ECR dialects and console rules use it. A
/// pattern that does not compile is reported at the character where the parser gave up (the key's line, the
/// value's column plus the offset) with the parser's reason; when the value is not written on the key's line as a
/// plain or single-quoted scalar (a double-quoted one with escapes, a block scalar, a <c>--set</c> override), at the key,
/// naming the character.
/// </summary>
internal static class PatternValue
{
    public static string? Optional(YamlMappingReader reader, string key)
    {
        if (reader.OptionalString(key) is not { } pattern) return null;
        try
        {
            _ = Bench.Hardware.Ecr.ScriptedEcrDialect.Compile(pattern);
        }
        catch (RegexParseException error)
        {
            // The parser's offset is where it stopped: just past the character at fault.
            var at = Math.Clamp(error.Offset - 1, 0, Math.Max(0, pattern.Length - 1));
            var problem = $"not a valid regular expression at character {at + 1} of '{pattern}': {Reason(error)}";
            throw Locate(reader, key, pattern, at) is { } column
                ? new CampaignFileException(reader.File, reader.LocationOf(key).Line, column, reader.KeyPathOf(key), problem)
                : reader.Error(key, problem);
        }
        return pattern;
    }

    public static string Required(YamlMappingReader reader, string key) =>
        Optional(reader, key) ?? throw reader.MissingKey(key);

    /// <summary>The pattern must define the named group (the value the bench takes from the line).</summary>
    public static void RequireGroup(YamlMappingReader reader, string key, string pattern, string group)
    {
        if (Array.IndexOf(Bench.Hardware.Ecr.ScriptedEcrDialect.Compile(pattern).GetGroupNames(), group) < 0)
            throw reader.Error(key, $"must capture the named group (?<{group}>...) (got '{pattern}')");
    }

    // The message repeats the pattern and the offset ("Invalid pattern 'x' at offset 3. Not enough )'s."): keep the reason.
    private static string Reason(RegexParseException error)
    {
        var marker = $"at offset {error.Offset}. ";
        var at = error.Message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0
            ? error.Message[(at + marker.Length)..].TrimEnd('.')
            : Regex.Replace(error.Error.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
    }

    /// <summary>The 1-based column of the pattern's character <paramref name="offset"/> in the file, or null when it cannot be pinned down.</summary>
    private static int? Locate(YamlMappingReader reader, string key, string pattern, int offset)
    {
        var (line, column) = reader.LocationOf(key);
        string text;
        try
        {
            text = File.ReadLines(reader.File).Skip(line - 1).FirstOrDefault() ?? "";
        }
        catch (IOException)
        {
            return null;
        }
        var afterKey = column - 1 + key.Length;
        if (afterKey >= text.Length || text[afterKey] != ':') return null;
        var start = afterKey + 1;
        while (start < text.Length && text[start] == ' ') start++;
        if (start >= text.Length) return null;
        if (text[start] == '\'')
        {
            // In a single-quoted scalar '' stands for one quote: walk the source to the offset.
            var source = start + 1;
            for (var index = 0; index < offset; index++)
            {
                if (source >= text.Length || text[source] != pattern[index]) return null;
                source += pattern[index] == '\'' ? 2 : 1;
            }
            return source + 1;
        }
        if (text[start] is '"' or '|' or '>') return null;
        return string.CompareOrdinal(text, start, pattern, 0, Math.Min(pattern.Length, offset)) == 0 ? start + offset + 1 : null;
    }
}
