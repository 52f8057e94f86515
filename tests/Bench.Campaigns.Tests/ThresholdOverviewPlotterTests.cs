using System.Xml.Linq;
using Bench.Plots;
using SkiaSharp;

namespace Bench.Campaigns.Tests;

public sealed class ThresholdOverviewPlotterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Marker fills as Skia writes them into the SVG: deterministic thresholds are royal blue
    // circles, probabilistic ones dark orange diamonds (paths). The legend holds one of each.
    private const string DeterministicFill = "#4169E1";
    private const string ProbabilisticFill = "#FF8C00";

    private static ThresholdOverviewRow HostDelay(string experiment = "pax-s90-host-delay") =>
        new(experiment, "hostResponseDelay", "host response delay", "s", 59.875, 59.75, 60, 60, "configured 60 s", false, "found");

    private static ThresholdOverviewRow LineCut() =>
        new("pax-s90-line-cut", "phoneLineCut", "line cut duration", "s", 1.42, 1.3, 1.55, 1.4, "S10 1.4 s", true, "found");

    private static ThresholdOverviewRow NotFound() =>
        new("verifone-host-delay", "hostResponseDelay", "host response delay", "s", null, null, null, 45, "configured 45 s", false,
            "not found: approved every delay up to 120 s");

    private static ThresholdOverviewPlotter Plotter() => new(FontLocator.ForThisMachine().Locate());

    [Test]
    public void Writes_a_valid_png_and_svg_named_thresholds()
    {
        using var directory = new TemporaryDirectory();

        var files = Plotter().Write([HostDelay()], Path.Combine(directory.Path, "plots"));

        Assert.That(Path.GetFileName(files.Png), Is.EqualTo("thresholds.png"));
        Assert.That(Path.GetFileName(files.Svg), Is.EqualTo("thresholds.svg"));
        var bytes = File.ReadAllBytes(files.Png);
        Assert.That(bytes.Take(8), Is.EqualTo(PngSignature));
        using var image = SKBitmap.Decode(bytes);
        Assert.That(image, Is.Not.Null, "PNG decodes");
        Assert.That(image.Width, Is.GreaterThanOrEqualTo(1200));
        var svg = XDocument.Load(files.Svg);
        Assert.That(svg.Root!.Name, Is.EqualTo(Svg + "svg"));
    }

    [Test]
    public void Svg_names_every_experiment_with_its_injection_and_unit_in_row_order()
    {
        using var directory = new TemporaryDirectory();
        var units = new[] { "s", "dB", "B", "tx/s" };
        var rows = Enumerable.Range(0, 12)
            .Select(index => new ThresholdOverviewRow(
                $"experiment-{index:00}", $"injection{index:00}", $"parameter {index:00}", units[index % units.Length],
                10 + index, 9 + index, 11 + index, 12 + index, null, index % 2 == 1, "found"))
            .ToList();

        var files = Plotter().Write(rows, directory.Path);

        var svg = File.ReadAllText(files.Svg);
        var positions = new List<int>();
        foreach (var (row, index) in rows.Select((row, index) => (row, index)))
        {
            Assert.That(svg, Does.Contain(row.Experiment).And.Contain(row.Injection));
            Assert.That(svg, Does.Contain($"parameter {index:00} ({row.Unit})"), "axis label in the row's unit");
            Assert.That(svg, Does.Contain($"{10 + index} {row.Unit} [{9 + index} … {11 + index}]"), "threshold and interval");
            Assert.That(svg, Does.Contain($"prediction: {12 + index} {row.Unit}"));
            positions.Add(svg.IndexOf(row.Experiment, StringComparison.Ordinal));
        }

        Assert.That(positions, Is.Ordered, "rows drawn top to bottom in the given order");
    }

    [Test]
    public void Figure_grows_with_the_number_of_rows()
    {
        using var directory = new TemporaryDirectory();
        var plotter = Plotter();

        var one = plotter.Write([HostDelay()], Path.Combine(directory.Path, "one"));
        var twelve = plotter.Write(
            Enumerable.Range(0, 12).Select(index => HostDelay($"experiment-{index}")).ToList(),
            Path.Combine(directory.Path, "twelve"));

        using var small = SKBitmap.Decode(one.Png);
        using var large = SKBitmap.Decode(twelve.Png);
        var added = large.Height - small.Height;
        Assert.That(added, Is.GreaterThan(0));
        Assert.That(added % 11, Is.Zero, "every row adds the same height");
        Assert.That(added / 11, Is.GreaterThanOrEqualTo(120), "a row is tall enough for its labels");
        Assert.That(small.Height, Is.GreaterThan(added / 11), "one row plus the title and legend");
    }

    [Test]
    public void Marker_shape_tells_a_probabilistic_threshold_from_a_deterministic_one()
    {
        using var directory = new TemporaryDirectory();
        var plotter = Plotter();

        var deterministic = XDocument.Load(plotter.Write([HostDelay()], Path.Combine(directory.Path, "d")).Svg);
        var probabilistic = XDocument.Load(plotter.Write([LineCut()], Path.Combine(directory.Path, "p")).Svg);

        // Legend symbol plus the row's marker.
        Assert.That(Filled(deterministic, "ellipse", DeterministicFill), Is.EqualTo(2));
        Assert.That(Filled(deterministic, "path", ProbabilisticFill), Is.EqualTo(1));
        Assert.That(Filled(probabilistic, "ellipse", DeterministicFill), Is.EqualTo(1));
        Assert.That(Filled(probabilistic, "path", ProbabilisticFill), Is.EqualTo(2));
        Assert.That(File.ReadAllText(Path.Combine(directory.Path, "p", "thresholds.svg")), Does.Contain("50 % point 1.42 s"));
    }

    [Test]
    public void A_row_without_threshold_shows_its_status_instead_of_a_point()
    {
        using var directory = new TemporaryDirectory();

        var files = Plotter().Write([NotFound()], directory.Path);

        var text = File.ReadAllText(files.Svg);
        Assert.That(text, Does.Contain("not found: approved every delay up to 120 s"));
        Assert.That(text, Does.Contain("no threshold").And.Contain("prediction: configured 45 s"));
        var svg = XDocument.Load(files.Svg);
        Assert.That(Filled(svg, "ellipse", DeterministicFill), Is.EqualTo(1), "only the legend's symbol");
    }

    [Test]
    public void A_row_with_nothing_but_a_status_is_drawn()
    {
        using var directory = new TemporaryDirectory();
        var aborted = new ThresholdOverviewRow(
            "aborted-run", "phoneLineCut", "line cut duration", "s", null, null, null, null, null, false, "aborted: modem did not answer");

        var files = Plotter().Write([aborted, HostDelay()], directory.Path);

        Assert.That(File.ReadAllText(files.Svg), Does.Contain("aborted: modem did not answer").And.Contain("line cut duration (s)"));
    }

    [Test]
    public void A_threshold_with_a_status_other_than_found_shows_both()
    {
        using var directory = new TemporaryDirectory();
        var stopped = HostDelay() with { Status = "aborted: stopped by operator" };

        var files = Plotter().Write([stopped], directory.Path);

        Assert.That(File.ReadAllText(files.Svg), Does.Contain("threshold 59.875 s").And.Contain("aborted: stopped by operator"));
    }

    [Test]
    public void A_status_too_long_for_the_row_is_shortened()
    {
        using var directory = new TemporaryDirectory();
        var longStatus = "not found: " + string.Join(' ', Enumerable.Repeat("the terminal approved the sale again", 30));

        var files = Plotter().Write([NotFound() with { Status = longStatus }], directory.Path);

        var text = File.ReadAllText(files.Svg);
        Assert.That(text, Does.Contain("not found: the terminal approved"));
        Assert.That(text, Does.Contain("…"));
        Assert.That(text, Does.Not.Contain(longStatus));
    }

    [Test]
    public void An_empty_list_is_refused_clearly()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(() => Plotter().Write([], directory.Path))!;

        Assert.That(error.Message, Does.Contain("at least one experiment row"));
        Assert.That(Directory.EnumerateFileSystemEntries(directory.Path), Is.Empty);
    }

    [TestCase(double.NaN, 59.75, 60.0, 60.0, "Threshold is NaN")]
    [TestCase(59.875, double.NegativeInfinity, 60.0, 60.0, "IntervalLow is -Infinity")]
    [TestCase(59.875, 59.75, double.PositiveInfinity, 60.0, "IntervalHigh is Infinity")]
    [TestCase(59.875, 59.75, 60.0, double.NaN, "Prediction is NaN")]
    [TestCase(59.875, 60.0, 59.75, 60.0, "IntervalLow 60 is above IntervalHigh 59.75")]
    [TestCase(61.0, 59.75, 60.0, 60.0, "Threshold 61 lies outside its interval")]
    public void A_bad_number_is_refused_naming_the_row_and_field(double threshold, double low, double high, double prediction, string expected)
    {
        using var directory = new TemporaryDirectory();
        var bad = HostDelay("bad-row") with { Threshold = threshold, IntervalLow = low, IntervalHigh = high, Prediction = prediction };

        var error = Assert.Throws<ArgumentException>(() => Plotter().Write([HostDelay(), bad], directory.Path))!;

        Assert.That(error.Message, Does.Contain("row 1 (bad-row)").And.Contain(expected));
        Assert.That(Directory.EnumerateFileSystemEntries(directory.Path), Is.Empty);
    }

    [Test]
    public void An_empty_name_is_refused_naming_the_field()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<ArgumentException>(() => Plotter().Write([HostDelay() with { Injection = " " }], directory.Path))!;

        Assert.That(error.Message, Does.Contain("row 0 (pax-s90-host-delay): Injection is empty"));
    }

    [Test]
    public void A_plotter_refuses_a_font_file_that_does_not_exist()
    {
        Assert.Throws<FontNotFoundException>(() => new ThresholdOverviewPlotter(new PlotFont("missing.ttf", "missing.ttf")));
    }

    private static int Filled(XDocument svg, string element, string fill) =>
        svg.Descendants(Svg + element).Count(node => (string?)node.Attribute("fill") == fill);
}
