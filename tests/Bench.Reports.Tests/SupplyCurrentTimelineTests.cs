namespace Bench.Reports.Tests;

/// <summary>The terminal's supply current, stored as <c>supply-current</c> events, on a trial's timeline and its plot.</summary>
public sealed class SupplyCurrentTimelineTests
{
    [Test]
    public async Task A_trials_supply_current_readings_become_its_trace_and_not_marks()
    {
        using var report = await ReportFixture.CreateAsync();
        var (timeline, _) = report.Files.Timelines.Single(item => item.Timeline.BaseName == "pax-delay-trial-2");

        Assert.Multiple(() =>
        {
            Assert.That(timeline.SupplyCurrent.Select(point => (Math.Round(point.Seconds, 3), point.Milliamperes, point.ReadBack)), Is.EqualTo(new[]
            {
                (0.0, 150.0, false), (0.21, 500.2, false), (0.29, 150.1, false), (3.9, 0.0, true),
            }));
            Assert.That(timeline.Marks.Select(mark => mark.Label), Has.None.Contains("supply"), "readings are a trace, not marks in a lane");
        });
    }

    [Test]
    public async Task The_timeline_plot_draws_the_supply_band_scaled_to_its_peak_only_when_there_are_readings()
    {
        using var report = await ReportFixture.CreateAsync();

        Assert.That(report.Read("timelines/pax-delay-trial-2.svg"), Does.Contain("supply current, 0 to 600 mA"));
        Assert.That(report.Read("timelines/line-cut-trial-2.svg"), Does.Not.Contain("supply current"), "a trial without readings has no band");
    }
}
