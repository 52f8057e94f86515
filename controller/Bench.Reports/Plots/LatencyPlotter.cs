using System.Globalization;
using Bench.Plots;
using ScottPlot;

namespace Bench.Reports.Plots;

/// <summary>
/// Draws an experiment's latency distributions (DESIGN.md §9) as histograms on one axis: the host's request to
/// reply (0200 received to 0210 sent) and the time to result, in terminal seconds, over its trials.
/// </summary>
public sealed class LatencyPlotter(PlotFont font)
{
    private const int Width = 1000;
    private const int Height = 560;
    private const int MaximumBins = 30;

    private readonly PlotFont font = font ?? throw new ArgumentNullException(nameof(font));

    /// <summary>Writes <c>{experiment}-latency.png/.svg</c>; trials without a value for a quantity are left out of its histogram.</summary>
    public PlotFiles Write(string experiment, IReadOnlyList<double> hostRequestToReply, IReadOnlyList<double> timeToResult, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        var plot = ReportPlot.Create(font);
        plot.Title($"{experiment}: latency distributions ({timeToResult.Count} trials with a result)");
        plot.XLabel("terminal seconds");
        plot.YLabel("trials");

        var all = hostRequestToReply.Concat(timeToResult).Where(double.IsFinite).ToList();
        var low = all.DefaultIfEmpty(0).Min();
        var high = all.DefaultIfEmpty(1).Max();
        var bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(Math.Max(all.Count, 1))) * 2, 5, MaximumBins);
        var width = high > low ? (high - low) / bins : 1;
        var tallest = 0;
        foreach (var (values, label, color, offset) in new[]
        {
            (hostRequestToReply, "host request → reply", Colors.Purple.WithAlpha(0.6), -0.22),
            (timeToResult, "time to result", Colors.SteelBlue.WithAlpha(0.6), 0.22),
        })
        {
            var counts = new int[bins];
            foreach (var value in values.Where(double.IsFinite))
                counts[Math.Clamp((int)((value - low) / width), 0, bins - 1)]++;
            tallest = Math.Max(tallest, counts.DefaultIfEmpty(0).Max());
            // Side by side within each bin, so neither distribution hides the other.
            var bars = counts.Select((count, index) => new Bar
            {
                Position = low + ((index + 0.5 + offset) * width),
                Value = count,
                Size = width * 0.44,
                FillColor = color,
                LineWidth = 0,
            }).ToList();
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = $"{label} (n = {values.Count}{Median(values)})";
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(low - width, high + width, 0, Math.Max(1, tallest) * 1.15);
        plot.ShowLegend(Edge.Bottom);
        return ReportPlot.Save(plot, directory, experiment + "-latency", Width, Height);
    }

    private static string Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return "";
        var sorted = values.Order().ToList();
        var middle = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return $", median {middle.ToString("0.###", CultureInfo.InvariantCulture)} s";
    }
}
