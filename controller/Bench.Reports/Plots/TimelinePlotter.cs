using System.Globalization;
using Bench.Plots;
using Bench.Reports.Timelines;
using ScottPlot;

namespace Bench.Reports.Plots;

/// <summary>
/// Draws a trial's timeline (DESIGN.md §9): one swimlane per <see cref="TimelineLane"/>, each event or frame a
/// mark in its lane with a short label (host frames by MTI, → received, ← sent), injections as shaded spans, and
/// on a rig with a supply monitor the terminal's supply current as a step line in a band below the lanes.
/// </summary>
public sealed class TimelinePlotter(PlotFont font)
{
    private const int Width = 1500;
    private const int Height = 620;
    private const float LabelFontSize = 11;

    // The data area's width and a label character's width, roughly: enough to keep labels apart.
    private const double DataWidthPixels = 1360;
    private const double CharacterWidthPixels = 7;

    // Heights within a lane that labels take, above and below the marks.
    private static readonly double[] LabelOffsets = [0.16, 0.32, -0.20, -0.36];

    // The supply current's band below the lanes: 0 mA at its bottom, the trial's scale at its top.
    private const double SupplyBandBottom = -1.6;
    private const double SupplyBandTop = -0.7;

    private static readonly (TimelineLane Lane, string Name, Color Color, MarkerShape Shape)[] Lanes =
    [
        (TimelineLane.Bench, "bench", Colors.DimGray, MarkerShape.FilledTriangleDown),
        (TimelineLane.Ecr, "ECR", Colors.DarkGreen, MarkerShape.FilledCircle),
        (TimelineLane.Terminal, "terminal", Colors.SteelBlue, MarkerShape.FilledSquare),
        (TimelineLane.Link, "link", Colors.DarkOrange, MarkerShape.FilledDiamond),
        (TimelineLane.Host, "host", Colors.Purple, MarkerShape.FilledCircle),
        (TimelineLane.Injections, "injections", Colors.Crimson, MarkerShape.Eks),
    ];

    private readonly PlotFont font = font ?? throw new ArgumentNullException(nameof(font));

    /// <summary>Writes <c>{experiment}-trial-{N}.png/.svg</c> into <paramref name="directory"/>.</summary>
    public PlotFiles Write(TrialTimeline timeline, string directory)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var plot = ReportPlot.Create(font);
        var parameter = timeline.Parameter is { } value ? $" at {value.ToString("0.###", CultureInfo.InvariantCulture)}" : "";
        plot.Title($"{timeline.Experiment} trial {timeline.TrialIndex}{parameter}: {timeline.Outcome}");
        plot.XLabel("bench time since the trial began (s)");

        var duration = Math.Max(timeline.DurationSeconds, 0.001);
        var top = Lanes.Length - 0.5;
        var left = -duration * 0.02;
        var right = duration * 1.08;
        var secondsPerCharacter = (right - left) / DataWidthPixels * CharacterWidthPixels;
        foreach (var span in timeline.Injections)
        {
            // Shaded across every lane, so what the injection overlapped is visible; solid in its own lane.
            var across = plot.Add.HorizontalSpan(span.StartSeconds, Math.Max(span.EndSeconds, span.StartSeconds), Colors.Crimson.WithAlpha(0.10));
            across.LineWidth = 0;
            var row = Row(TimelineLane.Injections);
            var band = plot.Add.Rectangle(span.StartSeconds, Math.Max(span.EndSeconds, span.StartSeconds + (duration / 500)), row - 0.3, row + 0.3);
            band.FillColor = Colors.Crimson.WithAlpha(span.Released ? 0.45 : 0.25);
            band.LineWidth = 0;
            Label(plot, span.StartSeconds, row + 0.36, span.Released ? span.Label : span.Label + " (not released)", Colors.Crimson);
        }

        foreach (var lane in Lanes)
        {
            var marks = timeline.Marks.Where(mark => mark.Lane == lane.Lane).ToList();
            if (marks.Count == 0) continue;
            var row = Row(lane.Lane);
            var points = plot.Add.ScatterPoints(marks.Select(mark => mark.Seconds).ToArray(), marks.Select(_ => row).ToArray(), lane.Color);
            points.MarkerShape = lane.Shape;
            points.MarkerSize = 8;
            // Greedy placement: each label takes the first height whose previous label ends before it begins;
            // a label with no free height is left out (its mark stays), so labels never print over each other.
            var freeFrom = LabelOffsets.Select(_ => double.NegativeInfinity).ToArray();
            foreach (var mark in marks.Where(mark => mark.Label.Length > 0))
            {
                var slot = Array.FindIndex(freeFrom, from => from <= mark.Seconds);
                if (slot < 0) continue;
                freeFrom[slot] = mark.Seconds + ((mark.Label.Length + 1) * secondsPerCharacter);
                Label(plot, mark.Seconds, row + LabelOffsets[slot], mark.Label, lane.Color);
            }
        }

        var rows = Lanes.Select(lane => (Row: Row(lane.Lane), lane.Name)).ToList();
        var bottom = -0.6;
        if (timeline.SupplyCurrent.Count > 0)
        {
            PlotSupplyCurrent(plot, timeline.SupplyCurrent);
            rows.Add(((SupplyBandBottom + SupplyBandTop) / 2, "supply"));
            bottom = SupplyBandBottom - 0.15;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            rows.Select(row => row.Row).ToArray(), rows.Select(row => row.Name).ToArray());
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(left, right, bottom, top);
        return ReportPlot.Save(plot, directory, timeline.BaseName, Width, Height);
    }

    /// <summary>
    /// The supply current as a step line (a reading holds until the next), scaled into its band to the next 100 mA
    /// above its peak; read-backs after switching the terminal's power are marked.
    /// </summary>
    private void PlotSupplyCurrent(Plot plot, IReadOnlyList<SupplyCurrentPoint> points)
    {
        var scale = Math.Max(100, Math.Ceiling(points.Max(point => point.Milliamperes) / 100) * 100);
        double Y(double milliamperes) => SupplyBandBottom + ((SupplyBandTop - SupplyBandBottom) * Math.Clamp(milliamperes, 0, scale) / scale);
        var baseline = plot.Add.HorizontalLine(SupplyBandBottom, 1, Colors.LightGray);
        baseline.LinePattern = LinePattern.Dotted;
        var trace = plot.Add.Scatter(points.Select(point => point.Seconds).ToArray(), points.Select(point => Y(point.Milliamperes)).ToArray(), Colors.Teal);
        trace.ConnectStyle = ConnectStyle.StepHorizontal;
        trace.MarkerSize = 0;
        trace.LineWidth = 1.5f;
        var readBacks = points.Where(point => point.ReadBack).ToList();
        if (readBacks.Count > 0)
        {
            var marks = plot.Add.ScatterPoints(readBacks.Select(point => point.Seconds).ToArray(), readBacks.Select(point => Y(point.Milliamperes)).ToArray(), Colors.Teal);
            marks.MarkerShape = MarkerShape.OpenCircle;
            marks.MarkerSize = 8;
        }

        Label(plot, points[0].Seconds, SupplyBandTop + 0.12, $"supply current, 0 to {scale.ToString("0", CultureInfo.InvariantCulture)} mA", Colors.Teal);
    }

    // Lanes top to bottom in enum order.
    private static double Row(TimelineLane lane) => Lanes.Length - 1 - (int)lane;

    private void Label(Plot plot, double x, double y, string text, Color color)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = font.Name;
        label.LabelFontSize = LabelFontSize;
        label.LabelFontColor = color;
        label.LabelAlignment = Alignment.MiddleLeft;
    }
}
