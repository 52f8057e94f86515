using ScottPlot;

namespace Bench.Plots;

/// <summary>Makes a <see cref="PlotFont"/> known to ScottPlot under its own name.</summary>
public static class PlotFontRegistration
{
    /// <summary>Throws when a face of <paramref name="font"/> is missing, so no plot is drawn without text.</summary>
    public static PlotFont RequireFiles(PlotFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (!File.Exists(font.FilePath) || !File.Exists(font.BoldFilePath))
        {
            throw new FontNotFoundException($"font file {font.FilePath} does not exist; install fonts-dejavu-core");
        }

        return font;
    }

    // ScottPlot keeps font resolvers process-wide; register each face once. The name is unique to
    // the file, so a lookup can only hit our own resolver.
    public static void Register(PlotFont font)
    {
        foreach (var (path, bold) in new[] { (font.FilePath, false), (font.BoldFilePath, true) })
        {
            foreach (var italic in new[] { false, true })
            {
                if (!Fonts.FontResolvers.Any(resolver => resolver.CreateTypeface(font.Name, bold, italic) is not null))
                {
                    Fonts.AddFontFile(font.Name, path, bold, italic);
                }
            }
        }
    }
}
