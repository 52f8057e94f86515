using Bench.Reports.Exports;

namespace Bench.Reports.Tests;

public sealed class CsvTests
{
    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase("cr\rhere", "\"cr\rhere\"")]
    [TestCase("", "")]
    public void Fields_are_quoted_as_rfc_4180_says(string value, string expected) =>
        Assert.That(Csv.Field(value), Is.EqualTo(expected));

    [Test]
    public async Task Trials_csv_has_one_row_per_trial_with_crlf_line_ends()
    {
        using var report = await ReportFixture.CreateAsync();

        var text = report.Read(TrialsCsv.FileName);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Match("[^\r]\n"), "CRLF only");
            Assert.That(lines[0], Is.EqualTo(string.Join(',', TrialsCsv.Header)));
            Assert.That(lines, Has.Length.EqualTo(1 + 5));
            Assert.That(lines[2], Does.StartWith("pax-delay,2,60,Timeout,Timeout,60.1,60.4,100,000002,,"));
            Assert.That(lines[5], Does.StartWith("line-cut,2,4.5,RigFault,,0,,100,000002,line relay read-back disagrees,"));
        });
    }

    [Test]
    public async Task Frames_csv_masks_the_card_even_when_the_store_kept_it_raw()
    {
        using var report = await ReportFixture.CreateAsync(rawFrames: true);

        var lines = report.Read(FramesCsv.FileName).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var sale = lines.Single(line => line.Contains(",c2,received,0200,", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo(string.Join(',', FramesCsv.Header)));
            Assert.That(lines, Has.Length.EqualTo(1 + 2));
            Assert.That(sale, Does.Contain("2=" + SampleRun.MaskedPan), "the summary");
            Assert.That(sale, Does.Not.Contain(SampleRun.Pan[..18]), "no packed PAN in the body's hex");
            Assert.That(sale, Does.Contain("6222020000000000128"), "the body keeps first 6 and last 4, the rest zeroed");
        });
    }
}
