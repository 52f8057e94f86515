using System.Collections.Frozen;

namespace Bench.Plots;

/// <summary>
/// Finds a TrueType font file for plots. Prefers DejaVu Sans (Debian/Ubuntu package
/// fonts-dejavu-core), then Liberation Sans, then any .ttf in the searched folders.
/// </summary>
public sealed class FontLocator
{
    private static readonly string[] PreferredFiles = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf"];

    private static readonly FrozenDictionary<string, string> BoldCompanions = new Dictionary<string, string>
    {
        ["DejaVuSans.ttf"] = "DejaVuSans-Bold.ttf",
        ["LiberationSans-Regular.ttf"] = "LiberationSans-Bold.ttf",
        ["NotoSans-Regular.ttf"] = "NotoSans-Bold.ttf",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<string> folders;

    /// <param name="folders">Folders searched recursively, in order.</param>
    public FontLocator(IReadOnlyList<string> folders)
    {
        this.folders = folders;
    }

    /// <summary>The usual font folders of Linux, macOS and Windows, plus the user's own.</summary>
    public static FontLocator ForThisMachine()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new FontLocator(
        [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            Path.Combine(home, ".local", "share", "fonts"),
            Path.Combine(home, ".fonts"),
            "/System/Library/Fonts",
            "/Library/Fonts",
            Environment.GetFolderPath(Environment.SpecialFolder.Fonts),
        ]);
    }

    /// <exception cref="FontNotFoundException">No .ttf file exists in any searched folder.</exception>
    public PlotFont Locate()
    {
        var fontFiles = folders
            .Where(folder => folder.Length > 0 && Directory.Exists(folder))
            .SelectMany(EnumerateTrueTypeFiles)
            .ToList();

        foreach (var preferred in PreferredFiles)
        {
            var match = fontFiles.FirstOrDefault(file => string.Equals(Path.GetFileName(file), preferred, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                var bold = Path.Combine(Path.GetDirectoryName(match)!, BoldCompanions[preferred]);
                return new PlotFont(match, File.Exists(bold) ? bold : match);
            }
        }

        if (fontFiles.Count > 0)
        {
            var any = fontFiles.Order(StringComparer.Ordinal).First();
            return new PlotFont(any, any);
        }

        throw new FontNotFoundException(
            $"no TrueType font found (searched {string.Join(", ", folders.Where(folder => folder.Length > 0))}); " +
            "install fonts-dejavu-core: without a font the plots would have no text");
    }

    private static IEnumerable<string> EnumerateTrueTypeFiles(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.ttf", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
                MatchCasing = MatchCasing.CaseInsensitive,
            }).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
