using Bench.Plots;
using ScottPlot;

namespace Bench.Reports.Plots;

/// <summary>What every figure of the report shares: the bench's explicit font, saved as PNG and SVG.</summary>
internal static class ReportPlot
{
    /// <summary>A plot whose every text element uses <paramref name="font"/> (registered with ScottPlot first).</summary>
    public static Plot Create(PlotFont font)
    {
        PlotFontRegistration.Register(font);
        var plot = new Plot();

        // Before anything is added: Set also makes this the default for plottables added later.
        plot.Font.Set(font.Name);
        plot.Legend.FontName = font.Name;
        return plot;
    }

    public static PlotFiles Save(Plot plot, string directory, string baseName, int width, int height)
    {
        Directory.CreateDirectory(directory);
        var files = new PlotFiles(Path.Combine(directory, baseName + ".png"), Path.Combine(directory, baseName + ".svg"));
        plot.SavePng(files.Png, width, height);
        plot.SaveSvg(files.Svg, width, height);
        return files;
    }
}
