using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Bench.Plots;

/// <summary>
/// Draws the campaign's threshold overview, <c>thresholds.png</c> and <c>thresholds.svg</c>: one
/// row per experiment, each on its own x-axis in its own unit, with the threshold and its bracket
/// or interval, the prediction or configured value, and the status where no threshold was found.
/// </summary>
public sealed class ThresholdOverviewPlotter
{
    /// <summary>File name of the figure, without extension.</summary>
    public const string BaseName = "thresholds";

    private const int HeaderHeight = 120;
    private const int RowHeight = 140;
    private const int MinimumWidth = 1200;
    private const int MinimumDataWidth = 560;

    // Fixed padding around each row's data area: room for the tick labels and the axis label below.
    private const float RowPaddingTop = 14;
    private const float RowPaddingBottom = 58;
    private const float SideColumnGap = 32;

    private const float TitleFontSize = 20;
    private const float RowFontSize = 15;
    private const float AxisLabelFontSize = 14;
    private const float StatusFontSize = 15;
    private const int StatusMaximumLines = 3;

    // Rows span -1 to 1 vertically; the threshold sits at 0, the prediction's marker near the top.
    private const double PredictionMarkerY = 0.78;

    private static readonly Color DeterministicColor = Colors.RoyalBlue;
    private static readonly Color ProbabilisticColor = Colors.DarkOrange;
    private static readonly Color PredictionColor = Colors.Black;
    private static readonly Color StatusColor = Colors.DarkRed;

    private readonly PlotFont font;

    /// <param name="font">Font for every text element; see <see cref="FontLocator"/>.</param>
    public ThresholdOverviewPlotter(PlotFont font)
    {
        this.font = PlotFontRegistration.RequireFiles(font);
    }

    /// <summary>
    /// Writes <c>thresholds.png</c> and <c>thresholds.svg</c> into <paramref name="directory"/>
    /// (created if needed), rows top to bottom in the given order.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a row with an empty name or a value that is not a finite number or lies outside its interval.</exception>
    public ThresholdOverviewFiles Write(IReadOnlyList<ThresholdOverviewRow> rows, string directory)
    {
        ThresholdOverviewValidation.Validate(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        PlotFontRegistration.Register(font);

        var texts = rows.Select(ThresholdOverviewText.Of).ToList();
        var leftWidth = SideColumnWidth(texts.SelectMany(text => text.Left));
        var rightWidth = SideColumnWidth(texts.SelectMany(text => text.Right));
        var width = Math.Max(MinimumWidth, (int)Math.Ceiling(leftWidth + MinimumDataWidth + rightWidth));
        var height = HeaderHeight + (RowHeight * rows.Count);
        var padding = new PixelPadding(leftWidth, rightWidth, RowPaddingBottom, RowPaddingTop);
        var dataWidth = width - leftWidth - rightWidth;

        var multiplot = new Multiplot(Header(rows.Count));

        // The rows are styled here, not copied from the header, which has neither axes nor grid.
        multiplot.Subplots.PlotAddedAction = _ => { };
        multiplot.Layout = new ThresholdOverviewLayout(HeaderHeight);
        for (var index = 0; index < rows.Count; index++)
        {
            multiplot.AddPlot(RowPlot(rows[index], texts[index], padding, dataWidth));
        }

        var files = new ThresholdOverviewFiles(
            Path.Combine(directory, BaseName + ".png"),
            Path.Combine(directory, BaseName + ".svg"));
        multiplot.SavePng(files.Png, width, height);

        // Multiplot saves only PNG; SVG is the same rendering onto Skia's SVG canvas, which writes on dispose.
        using (var stream = File.Create(files.Svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }

        return files;
    }

    private Plot Header(int rowCount)
    {
        var plot = NewPlot();
        plot.HideAxesAndGrid();
        plot.Layout.Fixed(new PixelPadding(10, 10, 6, 44));
        plot.Title(rowCount == 1
            ? "Threshold against failure injection (1 experiment)"
            : $"Thresholds against failure injection ({rowCount} experiments)", TitleFontSize);

        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "threshold (deterministic flip), bar: bracket",
            MarkerShape = MarkerShape.FilledCircle,
            MarkerSize = 12,
            MarkerColor = DeterministicColor,
            LineWidth = 2,
            LineColor = DeterministicColor,
        });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "50 % point (repeated trials), bar: 95 % interval",
            MarkerShape = MarkerShape.FilledDiamond,
            MarkerSize = 14,
            MarkerColor = ProbabilisticColor,
            LineWidth = 2,
            LineColor = ProbabilisticColor,
        });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "prediction / configured value",
            MarkerShape = MarkerShape.FilledTriangleDown,
            MarkerSize = 12,
            MarkerColor = PredictionColor,
            LineWidth = 2,
            LineColor = PredictionColor,
            LinePattern = LinePattern.Dashed,
        });
        plot.Legend.FontName = font.Name;
        plot.Legend.FontSize = RowFontSize;

        // Wide enough to show the prediction's dashes. The header has room for a second legend line
        // in case a narrow figure wraps it.
        plot.Legend.SymbolWidth = 30;
        plot.Legend.TightHorizontalWrapping = true;
        plot.ShowLegend(Alignment.MiddleCenter, Orientation.Horizontal);
        return plot;
    }

    private Plot RowPlot(ThresholdOverviewRow row, ThresholdOverviewText text, PixelPadding padding, float dataWidth)
    {
        var plot = NewPlot();

        // The same fixed padding in every row lines the data areas up under each other.
        plot.Layout.Fixed(padding);
        plot.XLabel(text.AxisLabel, AxisLabelFontSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = AxisLabelFontSize;
        plot.Grid.YAxisStyle.IsVisible = false;

        SideColumn(plot, plot.Axes.Left, text.Left);
        SideColumn(plot, plot.Axes.Right, text.Right);

        var (low, high) = XRange(row);
        plot.Axes.SetLimits(low, high, -1, 1);
        if (!HasAnyValue(row))
        {
            // Nothing to place on this axis: numbers on it would suggest a scale that means nothing.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        }

        if (row.Prediction is { } prediction)
        {
            // The marker keeps the prediction recognisable where its line meets a bracket's end, and
            // in the SVG, where Skia draws dashed lines solid.
            plot.Add.VerticalLine(prediction, 2, PredictionColor, LinePattern.Dashed);
            plot.Add.Marker(prediction, PredictionMarkerY, MarkerShape.FilledTriangleDown, 12, PredictionColor);
        }

        AddInterval(plot, row);
        if (row.Threshold is { } threshold)
        {
            var marker = plot.Add.Marker(
                threshold,
                0,
                row.Probabilistic ? MarkerShape.FilledDiamond : MarkerShape.FilledCircle,
                row.Probabilistic ? 16 : 13,
                RowColor(row));
            marker.MarkerLineColor = Colors.White;
        }
        else
        {
            AddStatus(plot, row.Status, (low + high) / 2, dataWidth);
        }

        return plot;
    }

    private Plot NewPlot()
    {
        var plot = new Plot();

        // Before anything is added: Set also makes this the default for plottables added later.
        plot.Font.Set(font.Name);
        return plot;
    }

    // The row's name and its values sit as tick labels beside the data area, one label a line,
    // so they are drawn with the plot's font and never overlap the data.
    private static void SideColumn(Plot plot, IYAxis axis, IReadOnlyList<string> lines)
    {
        var positions = LinePositions(lines.Count);
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, lines.ToArray());
        axis.TickLabelStyle.FontSize = RowFontSize;
        axis.MajorTickStyle.Length = 0;
        axis.MinorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-1, 1, axis);
    }

    private static double[] LinePositions(int count) => count switch
    {
        1 => [0],
        2 => [0.35, -0.35],
        _ => Enumerable.Range(0, count).Select(index => 0.6 - (1.2 * index / (count - 1))).ToArray(),
    };

    private static void AddInterval(Plot plot, ThresholdOverviewRow row)
    {
        var low = row.IntervalLow;
        var high = row.IntervalHigh;
        if (low is null && high is null)
        {
            return;
        }

        // A one-sided interval runs from the threshold; without a threshold it needs both ends.
        var centre = row.Threshold ?? (low is { } l && high is { } h ? (l + h) / 2 : (double?)null);
        if (centre is not { } x)
        {
            return;
        }

        var errorBar = new ScottPlot.Plottables.ErrorBar(
            [x], [0], [(high ?? x) - x], [x - (low ?? x)], [0], [0])
        {
            LineWidth = 2,
            CapSize = 14,
            Color = RowColor(row),
        };
        plot.Add.Plottable(errorBar);
    }

    private void AddStatus(Plot plot, string status, double x, float dataWidth)
    {
        var label = plot.Add.Text(Wrap(status, dataWidth - 20), x, 0);
        label.Alignment = Alignment.MiddleCenter;
        label.LabelFontName = font.Name;
        label.LabelFontSize = StatusFontSize;
        label.LabelFontColor = StatusColor;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
    }

    // Breaks the status into lines that fit the data area; whatever does not fit in the last line ends in "…".
    private string Wrap(string status, float maximumWidth)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var current = "";
        foreach (var word in words)
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && TextWidth(candidate, StatusFontSize) > maximumWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        if (lines.Count > StatusMaximumLines)
        {
            lines = lines.Take(StatusMaximumLines).ToList();
            lines[^1] += " …";
        }

        return string.Join('\n', lines.Select(line => Shortened(line, maximumWidth)));
    }

    private string Shortened(string line, float maximumWidth)
    {
        if (TextWidth(line, StatusFontSize) <= maximumWidth)
        {
            return line;
        }

        var length = line.Length;
        while (length > 1 && TextWidth(line[..length] + "…", StatusFontSize) > maximumWidth)
        {
            length--;
        }

        return line[..length] + "…";
    }

    private float SideColumnWidth(IEnumerable<string> lines) =>
        lines.Select(line => TextWidth(line, RowFontSize)).DefaultIfEmpty(0).Max() + SideColumnGap;

    private float TextWidth(string text, float size)
    {
        var style = new LabelStyle { FontName = font.Name, FontSize = size };
        using var paint = Paint.NewDisposablePaint();
        return style.Measure(text, paint).Width;
    }

    private static Color RowColor(ThresholdOverviewRow row) => row.Probabilistic ? ProbabilisticColor : DeterministicColor;

    private static bool HasAnyValue(ThresholdOverviewRow row) =>
        row.Threshold is not null || row.IntervalLow is not null || row.IntervalHigh is not null || row.Prediction is not null;

    // Room at the sides, so markers and bar caps at the ends stay inside the data area.
    private static (double Low, double High) XRange(ThresholdOverviewRow row)
    {
        var values = new[] { row.Threshold, row.IntervalLow, row.IntervalHigh, row.Prediction }.OfType<double>().ToList();
        if (values.Count == 0)
        {
            return (0, 1);
        }

        var low = values.Min();
        var high = values.Max();
        var span = high > low ? high - low : Math.Max(1, Math.Abs(high));
        return (low - (span * 0.15), high + (span * 0.15));
    }

    internal static string Number(double value) =>
        value != 0 && Math.Abs(value) < 0.001
            ? value.ToString("G3", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
