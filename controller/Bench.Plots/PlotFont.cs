namespace Bench.Plots;

/// <summary>A TrueType file that every text element of a plot is drawn with.</summary>
/// <param name="FilePath">The regular face.</param>
/// <param name="BoldFilePath">The bold face (titles); the regular file again when no bold face exists.</param>
public sealed record PlotFont(string FilePath, string BoldFilePath)
{
    /// <summary>
    /// The name plots use for this font. Deliberately not a system font name: SkiaSharp's
    /// dependency-free Linux build has no fontconfig, so a system name would resolve to nothing
    /// and ScottPlot would silently draw no text.
    /// </summary>
    public string Name => "Bench " + Path.GetFileNameWithoutExtension(FilePath);
}
