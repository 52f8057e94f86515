using Bench.Fixtures;

namespace Bench.Campaigns.Expectations;

/// <summary>Where in the campaign file an expectation was written, so a problem found after loading still points at it.</summary>
public sealed record ExpectationOrigin(string File, int Line, int Column, string KeyPath)
{
    public static ExpectationOrigin Of(YamlMappingReader reader, string key)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (line, column) = reader.LocationOf(key);
        return new ExpectationOrigin(reader.File, line, column, reader.KeyPathOf(key));
    }

    /// <summary>An error at the expectation, reported like every other campaign-file mistake.</summary>
    public CampaignFileException Error(string problem) => new(File, Line, Column, KeyPath, problem);
}
