using Bench.Plots;

namespace Bench.Campaigns.Tests;

public sealed class ThresholdPlotterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ThresholdPlotRequest Request(double? threshold = 59.875, double? timeout = 60) =>
        new(
            "pax-host-delay",
            "host response delay",
            "s",
            [
                new TrialPoint(60, TrialPointOutcome.Timeout, 60),
                new TrialPoint(30, TrialPointOutcome.Approved, 30.4),
                new TrialPoint(45, TrialPointOutcome.Approved, 45.4),
                new TrialPoint(52.5, TrialPointOutcome.RigFault, 0),
                new TrialPoint(59.75, TrialPointOutcome.Approved, 60.1),
            ],
            threshold,
            timeout);

    [Test]
    public void Writes_png_and_svg_for_both_plots()
    {
        using var directory = new TemporaryDirectory();
        var plotter = new ThresholdPlotter(FontLocator.ForThisMachine().Locate());

        var files = plotter.Write(Request(), Path.Combine(directory.Path, "plots"));

        Assert.That(files.All, Has.All.Matches<string>(File.Exists));
        Assert.That(Path.GetFileName(files.OutcomePng), Is.EqualTo("pax-host-delay-outcome.png"));
        Assert.That(Path.GetFileName(files.TimeToResultSvg), Is.EqualTo("pax-host-delay-time-to-result.svg"));
        foreach (var png in new[] { files.OutcomePng, files.TimeToResultPng })
        {
            var bytes = File.ReadAllBytes(png);
            Assert.That(bytes.Take(8), Is.EqualTo(PngSignature), png);
            Assert.That(bytes, Has.Length.GreaterThan(10_000), png);
        }
    }

    [Test]
    public void Svg_contains_axis_labels_legend_and_marker_labels()
    {
        using var directory = new TemporaryDirectory();
        var plotter = new ThresholdPlotter(FontLocator.ForThisMachine().Locate());

        var files = plotter.Write(Request(), directory.Path);

        var outcome = File.ReadAllText(files.OutcomeSvg);
        Assert.That(outcome, Does.Contain("host response delay (s)").And.Contain("outcome"));
        Assert.That(outcome, Does.Contain("approved").And.Contain("timeout").And.Contain("rig fault"));
        Assert.That(outcome, Does.Contain("found threshold (59.875 s)").And.Contain("configured timeout (60 s)"));
        var timeToResult = File.ReadAllText(files.TimeToResultSvg);
        Assert.That(timeToResult, Does.Contain("host response delay (s)").And.Contain("time to result (s)"));
        Assert.That(timeToResult, Does.Contain("found threshold (59.875 s)").And.Contain("configured timeout (60 s)"));
    }

    [Test]
    public void Omits_markers_that_are_not_known()
    {
        using var directory = new TemporaryDirectory();
        var plotter = new ThresholdPlotter(FontLocator.ForThisMachine().Locate());

        var files = plotter.Write(Request(threshold: null, timeout: null), directory.Path);

        var svg = File.ReadAllText(files.OutcomeSvg);
        Assert.That(svg, Does.Contain("host response delay (s)"));
        Assert.That(svg, Does.Not.Contain("threshold").And.Not.Contain("configured timeout"));
    }

    [Test]
    public void Locating_a_font_where_there_is_none_fails_clearly()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<FontNotFoundException>(() => new FontLocator([directory.Path, Path.Combine(directory.Path, "missing")]).Locate())!;

        Assert.That(error.Message, Does.StartWith("no TrueType font found").And.Contain("install fonts-dejavu-core"));
    }

    [Test]
    public void Prefers_dejavu_sans_and_its_bold_face()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a/Aardvark.ttf", "");
        var regular = directory.Write("b/DejaVuSans.ttf", "");
        var bold = directory.Write("b/DejaVuSans-Bold.ttf", "");

        var font = new FontLocator([directory.Path]).Locate();

        Assert.That(font, Is.EqualTo(new PlotFont(regular, bold)));
        Assert.That(font.Name, Is.EqualTo("Bench DejaVuSans"));
    }

    [Test]
    public void Falls_back_to_any_truetype_file()
    {
        using var directory = new TemporaryDirectory();
        var any = directory.Write("x/Other.TTF", "");

        Assert.That(new FontLocator([directory.Path]).Locate(), Is.EqualTo(new PlotFont(any, any)));
    }

    [Test]
    public void A_plotter_refuses_a_font_file_that_does_not_exist()
    {
        Assert.Throws<FontNotFoundException>(() => new ThresholdPlotter(new PlotFont("missing.ttf", "missing.ttf")));
    }
}
