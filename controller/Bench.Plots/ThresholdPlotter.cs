using System.Globalization;
using ScottPlot;

namespace Bench.Plots;

/// <summary>
/// Draws an experiment's threshold plots, each as PNG and SVG: the outcome against the swept
/// parameter, and the time to result against it, both marking the found threshold and the
/// terminal's configured timeout.
/// </summary>
public sealed class ThresholdPlotter
{
    private const int Width = 1000;
    private const int Height = 560;

    // Rows of the outcome plot, top to bottom in order of "how far the sale got".
    private static readonly (TrialPointOutcome Outcome, double Row, string Label, Color Color, MarkerShape Shape)[] OutcomeStyles =
    [
        (TrialPointOutcome.Approved, 3, "approved", Colors.ForestGreen, MarkerShape.FilledCircle),
        (TrialPointOutcome.Declined, 2, "declined", Colors.DarkOrange, MarkerShape.FilledDiamond),
        (TrialPointOutcome.Timeout, 1, "timeout", Colors.Crimson, MarkerShape.FilledSquare),
        (TrialPointOutcome.RigFault, 0, "rig fault", Colors.Gray, MarkerShape.Eks),
    ];

    private readonly PlotFont font;

    /// <param name="font">Font for every text element; see <see cref="FontLocator"/>.</param>
    public ThresholdPlotter(PlotFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (!File.Exists(font.FilePath) || !File.Exists(font.BoldFilePath))
        {
            throw new FontNotFoundException($"font file {font.FilePath} does not exist; install fonts-dejavu-core");
        }

        this.font = font;
    }

    /// <summary>The font every text element uses; other plots of the same run use it too.</summary>
    public PlotFont Font => font;

    /// <summary>
    /// Writes <c>{name}-outcome.png/.svg</c> and <c>{name}-time-to-result.png/.svg</c> into
    /// <paramref name="directory"/> (created if needed).
    /// </summary>
    public ThresholdPlotFiles Write(ThresholdPlotRequest request, string directory)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(directory);
        RegisterFont();

        var baseName = Path.Combine(directory, request.ExperimentName);
        var files = new ThresholdPlotFiles(
            baseName + "-outcome.png",
            baseName + "-outcome.svg",
            baseName + "-time-to-result.png",
            baseName + "-time-to-result.svg");

        var outcomePlot = OutcomePlot(request);
        outcomePlot.SavePng(files.OutcomePng, Width, Height);
        outcomePlot.SaveSvg(files.OutcomeSvg, Width, Height);

        var timePlot = TimeToResultPlot(request);
        timePlot.SavePng(files.TimeToResultPng, Width, Height);
        timePlot.SaveSvg(files.TimeToResultSvg, Width, Height);
        return files;
    }

    // ScottPlot keeps font resolvers process-wide; register ours once per face. The name is unique
    // to the file, so a lookup can only hit our own resolver.
    private void RegisterFont()
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

    private Plot OutcomePlot(ThresholdPlotRequest request)
    {
        var plot = NewPlot(request, $"{request.ExperimentName}: outcome");
        foreach (var style in OutcomeStyles)
        {
            var points = request.Points.Where(point => point.Outcome == style.Outcome).ToList();
            AddPoints(plot, points, _ => style.Row, style.Label, style.Color, style.Shape);
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            OutcomeStyles.Select(style => style.Row).ToArray(),
            OutcomeStyles.Select(style => style.Label).ToArray());
        plot.YLabel("outcome");
        AddMarkers(plot, request);
        return Finish(plot, request, -0.5, 3.5);
    }

    private Plot TimeToResultPlot(ThresholdPlotRequest request)
    {
        var plot = NewPlot(request, $"{request.ExperimentName}: time to result");
        foreach (var style in OutcomeStyles)
        {
            var points = request.Points.Where(point => point.Outcome == style.Outcome).ToList();
            AddPoints(plot, points, point => point.TimeToResultSeconds, style.Label, style.Color, style.Shape);
        }

        plot.YLabel("time to result (s)");
        AddMarkers(plot, request);
        var times = request.Points.Select(point => point.TimeToResultSeconds).DefaultIfEmpty(0).ToList();
        var (low, high) = Padded(times.Min(), times.Max(), 0.1);
        return Finish(plot, request, Math.Min(0, low), high);
    }

    private Plot NewPlot(ThresholdPlotRequest request, string title)
    {
        var plot = new Plot();

        // Before anything is added: Set also makes this the default for plottables added later.
        plot.Font.Set(font.Name);
        plot.Title(title);
        plot.XLabel($"{request.ParameterName} ({request.ParameterUnit})");
        return plot;
    }

    private static void AddPoints(
        Plot plot, List<TrialPoint> points, Func<TrialPoint, double> y, string label, Color color, MarkerShape shape)
    {
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.ScatterPoints(
            points.Select(point => point.Parameter).ToArray(), points.Select(y).ToArray(), color);
        scatter.MarkerShape = shape;
        scatter.MarkerSize = 9;
        scatter.LegendText = label;
    }

    // The lines are named in the legend, with their values: labels on the axes would overlap the
    // title and the axis label whenever the threshold sits next to the timeout, which is the usual case.
    private static void AddMarkers(Plot plot, ThresholdPlotRequest request)
    {
        var unit = request.ParameterUnit;
        if (request.Threshold is { } threshold)
        {
            var line = plot.Add.VerticalLine(threshold, 2, Colors.RoyalBlue, LinePattern.Solid);
            line.LegendText = $"found threshold ({Number(threshold)} {unit})";
        }

        if (request.ConfiguredTimeout is { } timeout)
        {
            var line = plot.Add.VerticalLine(timeout, 2, Colors.Black, LinePattern.Dashed);
            line.LegendText = $"configured timeout ({Number(timeout)} {unit})";
        }
    }

    // Explicit limits with room at the sides, so points and lines at the range's ends stay visible.
    private Plot Finish(Plot plot, ThresholdPlotRequest request, double bottom, double top)
    {
        var xs = request.Points.Select(point => point.Parameter)
            .Concat(new[] { request.Threshold, request.ConfiguredTimeout }.OfType<double>())
            .DefaultIfEmpty(0)
            .ToList();
        var (left, right) = Padded(xs.Min(), xs.Max(), 0.12);
        plot.Axes.SetLimits(left, right, bottom, top);

        // Outside the data area: inside it would hide trials in whichever corner it sat.
        plot.Legend.FontName = font.Name;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static (double Low, double High) Padded(double low, double high, double fraction)
    {
        var span = high > low ? high - low : Math.Max(1, Math.Abs(high));
        return (low - (span * fraction), high + (span * fraction));
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
