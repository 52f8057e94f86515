using Bench.Plots;
using Bench.Reports.Plots;
using ScottPlot;

namespace Bench.Reports.Comparison;

/// <summary>
/// Draws compare.png/.svg: one row per experiment, the thresholds of runs A and B as their change from A's in percent (so
/// experiments in different units share one axis), each with its interval as a bar; a moved threshold in red.
/// A row that cannot be placed (found in one run only, A's threshold zero) says why in words.
/// </summary>
public sealed class ComparisonPlotter(PlotFont font)
{
    public const string BaseName = "compare";

    private const int Width = 1300;
    private const int RowHeight = 70;
    private const int FixedHeight = 200;

    private static readonly Color ColorA = Colors.Gray;
    private static readonly Color ColorB = Colors.RoyalBlue;
    private static readonly Color MovedColor = Colors.Crimson;

    private readonly PlotFont font = font ?? throw new ArgumentNullException(nameof(font));

    public PlotFiles Write(ThresholdComparison comparison, string nameA, string nameB, string directory)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var plot = ReportPlot.Create(font);
        plot.Title($"Thresholds: B ({nameB}) against A ({nameA})");
        plot.XLabel("change from run A's threshold (%)");
        var rows = comparison.Thresholds;
        var extent = 1.0;
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var y = rows.Count - 1 - index;
            if (row.A is { Found: true } a && row.B is { Found: true } b && a.Threshold is { } reference && reference != 0)
            {
                double Percent(double value) => (value - reference) / Math.Abs(reference) * 100;
                var colorB = row.Moved ? MovedColor : ColorB;
                Side(plot, Percent(a.Threshold!.Value), y + 0.15, a.IntervalLow is { } aLow ? Percent(aLow) : null, a.IntervalHigh is { } aHigh ? Percent(aHigh) : null, ColorA, MarkerShape.FilledSquare);
                Side(plot, Percent(b.Threshold!.Value), y - 0.15, b.IntervalLow is { } bLow ? Percent(bLow) : null, b.IntervalHigh is { } bHigh ? Percent(bHigh) : null, colorB, MarkerShape.FilledCircle);
                extent = new[] { extent, Math.Abs(Percent(b.Threshold!.Value)), Math.Abs(Percent(b.IntervalLow ?? reference)), Math.Abs(Percent(b.IntervalHigh ?? reference)),
                    Math.Abs(Percent(a.IntervalLow ?? reference)), Math.Abs(Percent(a.IntervalHigh ?? reference)) }.Max();
                Note(plot, $"{ReportNumbers.Value(a.Threshold, a.Unit)} → {ReportNumbers.Value(b.Threshold, b.Unit)}: {row.Verdict}", y - 0.42, row.Moved ? MovedColor : Colors.Black);
            }
            else
            {
                Note(plot, row.Verdict + (row.A is { Found: true, Threshold: 0 } ? " (A's threshold is 0: no percentage)" : ""), y - 0.42, row.Moved ? MovedColor : Colors.DimGray);
            }
        }

        plot.Add.VerticalLine(0, 1, Colors.Black, LinePattern.Dotted);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            rows.Select((_, index) => (double)(rows.Count - 1 - index)).ToArray(), rows.Select(row => row.Experiment).ToArray());
        plot.Grid.YAxisStyle.IsVisible = false;
        var padded = extent * 1.25;
        plot.Axes.SetLimits(-padded, padded, -0.7, Math.Max(rows.Count, 1) - 0.4);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"A: {nameA}", MarkerShape = MarkerShape.FilledSquare, MarkerColor = ColorA, MarkerSize = 10, LineColor = ColorA, LineWidth = 2 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"B: {nameB}", MarkerShape = MarkerShape.FilledCircle, MarkerColor = ColorB, MarkerSize = 10, LineColor = ColorB, LineWidth = 2 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "B moved beyond the intervals", MarkerShape = MarkerShape.FilledCircle, MarkerColor = MovedColor, MarkerSize = 10, LineColor = MovedColor, LineWidth = 2 });
        plot.ShowLegend(Edge.Bottom);
        return ReportPlot.Save(plot, directory, BaseName, Width, FixedHeight + (RowHeight * Math.Max(rows.Count, 1)));
    }

    private static void Side(Plot plot, double x, double y, double? low, double? high, Color color, MarkerShape shape)
    {
        if (low is { } from && high is { } to)
        {
            var bar = plot.Add.Line(Math.Min(from, to), y, Math.Max(from, to), y);
            bar.LineColor = color;
            bar.LineWidth = 3;
            bar.MarkerSize = 0;
        }
        plot.Add.Marker(x, y, shape, 11, color);
    }

    private void Note(Plot plot, string text, double y, Color color)
    {
        var label = plot.Add.Text(text, 0, y);
        label.LabelFontName = font.Name;
        label.LabelFontSize = 12;
        label.LabelFontColor = color;
        label.LabelAlignment = Alignment.LowerCenter;
    }
}
