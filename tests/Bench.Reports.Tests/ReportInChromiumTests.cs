using System.Text.RegularExpressions;

namespace Bench.Reports.Tests;

/// <summary>report.html as a reader opens it: in a browser, from the file alone, every image shown.</summary>
public sealed partial class ReportInChromiumTests
{
    // Injected into a copy of the report (the report itself has no script): the page's title becomes
    // "images: LOADED/ALL" once everything has loaded, LOADED counting images the browser decoded.
    private const string CountImages = """
        <script>
        window.addEventListener('load', () => {
          const images = [...document.images];
          document.title = 'images: ' + images.filter(image => image.complete && image.naturalWidth > 0).length + '/' + images.length;
        });
        </script>
        """;

    [Test]
    public async Task Every_image_of_the_report_loads_in_headless_chromium_from_the_file_alone()
    {
        Chromium.Require();
        using var report = await ReportFixture.CreateAsync();
        // Alone in a folder of its own: nothing beside it to load by accident.
        using var alone = new TemporaryDirectory();
        var html = report.Read("report.html");
        var page = alone.Write("report.html", html.Replace("</head>", CountImages + "</head>", StringComparison.Ordinal));

        var dom = await Chromium.DumpDomAsync(page);

        var title = Title().Match(dom);
        Assert.That(title.Success, Is.True, "the counting script ran: " + dom[..Math.Min(dom.Length, 400)]);
        Assert.That(title.Groups["loaded"].Value, Is.EqualTo(title.Groups["all"].Value), "every image decoded");
        Assert.That(int.Parse(title.Groups["all"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(10));
        Assert.That(dom, Does.Contain("id=\"trial-pax-delay-2\""), "the failed expectation's anchor is in the rendered page");
    }

    [Test]
    public async Task The_check_notices_an_image_that_does_not_load()
    {
        Chromium.Require();
        using var folder = new TemporaryDirectory();
        var page = folder.Write("broken.html",
            $"<!DOCTYPE html><html><head><title>x</title>{CountImages}</head><body><img src=\"data:image/png;base64,AAAA\" alt=\"broken\"></body></html>");

        var dom = await Chromium.DumpDomAsync(page);

        Assert.That(Title().Match(dom).Value, Is.EqualTo("<title>images: 0/1</title>"));
    }

    [GeneratedRegex(@"<title>images: (?<loaded>\d+)/(?<all>\d+)</title>")]
    private static partial Regex Title();
}
