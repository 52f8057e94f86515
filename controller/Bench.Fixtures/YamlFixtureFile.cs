using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Fixtures;

/// <summary>
/// Opens a fixture file as a YAML representation tree (not a deserialized object) so every key
/// keeps its line and column for error messages.
/// </summary>
public static class YamlFixtureFile
{
    /// <summary>Largest fixture file read: fixtures are hand-written; a bigger file is a mistake, and parsing it would stall the run.</summary>
    public const long MaximumFileBytes = 1_000_000;

    public static YamlMappingReader OpenRootMapping(string file) => OpenRootMapping(file, FixtureKind.Campaign, FixtureOverrides.None);

    /// <summary>Parses <paramref name="file"/> and writes into it the <paramref name="overrides"/> for its <paramref name="kind"/>.</summary>
    public static YamlMappingReader OpenRootMapping(string file, FixtureKind kind, FixtureOverrides overrides)
    {
        string text;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > MaximumFileBytes)
            {
                throw new CampaignFileException(file, 1, 1, "",
                    $"the file is {length:N0} bytes; fixture files are capped at {MaximumFileBytes:N0} bytes (split it into several files)");
            }

            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CampaignFileException(file, 1, 1, "", $"cannot read file: {exception.Message}", exception);
        }

        return ParseRootMapping(text, file, kind, overrides);
    }

    /// <summary>Parses fixture text already in memory; <paramref name="file"/> is the name its errors report.</summary>
    public static YamlMappingReader ParseRootMapping(string text, string file) => ParseRootMapping(text, file, FixtureKind.Campaign, FixtureOverrides.None);

    /// <summary>Parses fixture text already in memory with <paramref name="overrides"/> for its <paramref name="kind"/> written in.</summary>
    public static YamlMappingReader ParseRootMapping(string text, string file, FixtureKind kind, FixtureOverrides overrides)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception) when (TabIndentation(text) is { } tab)
        {
            // The scanner notices a tab only where it breaks a structure, often a line later; the tab itself is the mistake.
            throw new CampaignFileException(file, tab.Line, tab.Column, "", "a tab in the indentation: YAML indents with spaces only", exception);
        }
        catch (YamlException exception)
        {
            throw new CampaignFileException(
                file, ToInt(exception.Start.Line), ToInt(exception.Start.Column), "", $"invalid YAML: {InnermostMessage(exception)}", exception);
        }

        if (stream.Documents.Count == 0)
        {
            throw new CampaignFileException(file, 1, 1, "", "file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new CampaignFileException(file, ToInt(second.Start.Line), ToInt(second.Start.Column), "", "expected one YAML document, found several");
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            throw new CampaignFileException(
                file, ToInt(root.Start.Line), ToInt(root.Start.Column), "", $"expected a mapping of keys at the top level (got {YamlMappingReader.Describe(root)})");
        }

        return new YamlMappingReader(file, "", mapping, overrides.ApplyTo(kind, mapping));
    }

    /// <summary>The first tab among a line's leading whitespace (1-based), ignoring blank and comment lines.</summary>
    private static (int Line, int Column)? TabIndentation(string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var content = line.TrimStart(' ', '\t');
            if (content.Length == 0 || content.StartsWith('#') || content == "\r") continue;
            var tab = line.AsSpan(0, line.Length - content.Length).IndexOf('\t');
            if (tab >= 0) return (index + 1, tab + 1);
        }

        return null;
    }

    public static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    // YamlDotNet wraps the scanner's message ("While parsing a block mapping ... did not find expected key");
    // the innermost one says what is actually wrong.
    private static string InnermostMessage(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current.Message;
    }
}
