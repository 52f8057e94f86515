using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Opens a fixture file as a YAML representation tree (not a deserialized object) so every key
/// keeps its line and column for error messages.
/// </summary>
internal static class YamlFixtureFile
{
    public static YamlMappingReader OpenRootMapping(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CampaignFileException(file, 1, 1, "", $"cannot read file: {exception.Message}", exception);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
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

        return new YamlMappingReader(file, "", mapping);
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
