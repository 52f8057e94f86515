using System.Text.Json;
using Bench.Results;

namespace Bench.Reports.Tests;

public sealed class ReportStageTests
{
    private ReportFixture report = null!;

    [OneTimeSetUp]
    public async Task ReportTheSampleRun() => report = await ReportFixture.CreateAsync();

    [OneTimeTearDown]
    public void DeleteTheFolder() => report.Dispose();

    [Test]
    public void Every_output_is_written_under_its_usual_name()
    {
        string[] expected =
        [
            "summary.json", "checker.json", "thresholds.png", "thresholds.svg", "report.html", "junit.xml", "trials.csv", "frames.csv",
            "pax-delay-outcome.png", "pax-delay-outcome.svg", "pax-delay-time-to-result.png", "pax-delay-time-to-result.svg",
            "pax-delay-latency.png", "pax-delay-latency.svg", "line-cut-outcome.png", "line-cut-latency.svg",
            "timelines/pax-delay-trial-2.png", "timelines/pax-delay-trial-2.svg",
            // Not a timeout, but a marginal expectation names it.
            "timelines/line-cut-trial-1.png",
            // The invalid trial.
            "timelines/line-cut-trial-2.png",
        ];
        Assert.Multiple(() =>
        {
            foreach (var file in expected)
                Assert.That(new FileInfo(report.PathOf(file)), Has.Property(nameof(FileInfo.Length)).GreaterThan(20), file);
            // An approved trial nobody names gets no timeline.
            Assert.That(File.Exists(report.PathOf("timelines/pax-delay-trial-1.png")), Is.False);
            Assert.That(report.Files.Timelines.Select(item => item.Timeline.BaseName),
                Is.EquivalentTo(new[] { "pax-delay-trial-2", "line-cut-trial-1", "line-cut-trial-2" }));
        });
    }

    [Test]
    public void Summary_json_is_the_document_the_store_keeps()
    {
        using var summary = JsonDocument.Parse(report.Read("summary.json"));

        Assert.That(summary.RootElement.GetProperty("runId").GetString(), Is.EqualTo(SampleRun.RunKey));
        Assert.That(summary.RootElement.GetProperty("experiments").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void The_timeout_trial_timeline_has_its_lanes_frames_and_injection_span()
    {
        var (timeline, _) = report.Files.Timelines.Single(item => item.Timeline.BaseName == "pax-delay-trial-2");

        Assert.Multiple(() =>
        {
            Assert.That(timeline.Outcome, Is.EqualTo("Timeout"));
            Assert.That(timeline.Injections, Has.Count.EqualTo(1));
            Assert.That(timeline.Injections[0].StartSeconds, Is.EqualTo(0.01).Within(1e-6));
            // Released after the trial's recorded end: drawn to the end, but released.
            Assert.That(timeline.Injections[0].EndSeconds, Is.EqualTo(4).Within(1e-6));
            Assert.That(timeline.Injections[0].Released, Is.True);
            var labels = timeline.Marks.Select(mark => (mark.Lane, mark.Label)).ToList();
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Host, "0200→")));
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Ecr, "RESULT TIMEOUT")));
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Ecr, "swipe")));
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Terminal, "TX 0200")));
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Link, "open c2")));
            Assert.That(labels, Does.Contain((Timelines.TimelineLane.Bench, "start")));
            // The other terminal's frame in the same window is background load, not this trial's.
            Assert.That(timeline.Marks.Count(mark => mark.Lane == Timelines.TimelineLane.Host), Is.EqualTo(1));
        });
    }

    [Test]
    public void Report_html_names_the_run_and_every_verdict_and_links_the_failed_one_to_its_timeline()
    {
        var html = report.Read("report.html");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain(SampleRun.RunKey));
            Assert.That(html, Does.Contain("PAX S90").And.Contain("Ingenico iCT220"));
            Assert.That(html, Does.Contain("S90-FW 2.1.4"), "firmware version");
            Assert.That(html, Does.Contain("0123456789abcdef0123456789abcdef01234567"), "bench commit");
            Assert.That(html, Does.Contain("simulated"), "rig");
            Assert.That(html, Does.Contain("--set card.pan=" + SampleRun.MaskedPan), "overrides, masked");
            Assert.That(html, Does.Contain("59.9 s"), "threshold");
            Assert.That(html, Does.Contain("[59.8, 60] s"), "bracket");
            Assert.That(html, Does.Contain("configured response timeout 60 s"), "prediction basis");
            Assert.That(html, Does.Contain("Expectations: 1 pass, 1 fail, 1 marginal"));
            Assert.That(html, Does.Contain("<a href=\"#trial-pax-delay-2\">trial 2 timeline</a>"));
            Assert.That(html, Does.Contain("id=\"trial-pax-delay-2\""), "the anchor the link points to");
            Assert.That(html, Does.Contain("orphanDebit"), "checker classes");
            Assert.That(html, Does.Contain("not balanced"));
        });
    }

    [Test]
    public void Report_html_is_self_contained_and_escapes_what_it_quotes()
    {
        var html = report.Read("report.html");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"), "the expectation's detail is text, not markup");
            Assert.That(html, Does.Contain("no 0400 &lt;script&gt;alert(1)&lt;/script&gt; &amp; nothing"));
            Assert.That(html, Does.Not.Match("(src|href)=\"(?!data:|#)"), "every image embedded, every link within the file");
            Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
            Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<img src=\"data:image/png;base64,").Count,
                Is.EqualTo(1 + (2 * 3) + 3), "overview, three per experiment, three timelines");
        });
    }

    [Test]
    public void No_output_holds_the_card_number_even_from_a_raw_frames_store()
    {
        var packed = SampleRun.Pan[..18];
        Assert.Multiple(() =>
        {
            foreach (var file in Directory.EnumerateFiles(report.Folder.Path, "*", SearchOption.AllDirectories)
                .Where(file => Path.GetExtension(file) is ".html" or ".xml" or ".csv" or ".json" or ".svg"))
            {
                var text = File.ReadAllText(file);
                Assert.That(text, Does.Not.Contain(SampleRun.Pan), file);
                Assert.That(text, Does.Not.Contain(packed), file + ": packed BCD in hex");
            }
        });
    }

    [Test]
    public async Task A_store_without_a_summary_still_reports_its_trials_and_frames()
    {
        using var folder = new TemporaryDirectory();
        var storePath = Path.Combine(folder.Path, ReportStage.StoreFileName);
        using (var store = ResultsStore.Open(storePath))
        {
            var runId = store.CreateRun("interrupted", null, "20261130T020000.000Z-00000001");
            var experiment = store.AddExperiment(runId, "pax-delay", "hostResponseDelay");
            store.RecordTrial(new TrialRecord(runId, experiment, 1, 60, "Timeout", 1_000_000_000, 5_000_000_000));
        }

        var files = ReportStage.Write(storePath, null, folder.Path, ReportFixture.Font());

        Assert.Multiple(() =>
        {
            Assert.That(files.SummaryFile, Is.Null);
            Assert.That(File.Exists(files.Html) && File.Exists(files.JUnit) && File.Exists(files.TrialsCsv), Is.True);
            Assert.That(File.ReadAllText(files.Html), Does.Contain("the run ended before its summary was written"));
            Assert.That(files.Timelines.Select(item => item.Timeline.BaseName), Is.EqualTo(new[] { "pax-delay-trial-1" }));
        });
    }

    [Test]
    public void A_missing_store_or_run_is_a_clear_input_error()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, ReportStage.StoreFileName);

        var noStore = Assert.Throws<ReportInputException>(() => ReportStage.Write(missing, null, folder.Path, ReportFixture.Font()));
        var noRun = Assert.Throws<ReportInputException>(() => ReportStage.Write(report.PathOf(ReportStage.StoreFileName), "no-such-run", folder.Path, ReportFixture.Font()));

        Assert.That(noStore!.Message, Does.Contain(missing).And.Contain("no results store"));
        Assert.That(noRun!.Message, Does.Contain("no run no-such-run").And.Contain(SampleRun.RunKey));
    }
}
