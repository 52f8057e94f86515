namespace Bench.Fixtures;

/// <summary>
/// Loads a fixture file another one references (a campaign's rig, terminal profile or card), so that
/// an error inside it also says which line referenced it: a profile shared by many campaigns is
/// fixed in one place, but the campaign that brought it in is what the user ran.
/// </summary>
public static class ReferencedFixture
{
    public static T Load<T>(YamlMappingReader referrer, string key, string file, Func<string, T> load)
    {
        try
        {
            return load(file);
        }
        catch (CampaignFileException error) when (error.File == file)
        {
            var (line, column) = referrer.LocationOf(key);
            throw new CampaignFileException(error.File, error.Line, error.Column, error.KeyPath,
                $"{error.Problem} (referenced at {referrer.File}:{line}:{column}: {referrer.KeyPathOf(key)})", error);
        }
    }
}
