using System.Diagnostics;

namespace Bench.Reports.Tests;

/// <summary>
/// Headless Chromium, which .ci/run installs: renders a page as a reader's browser would. A machine without it
/// fails the test that needs it (it is not skipped): the report's rendering is not checked otherwise.
/// </summary>
internal static class Chromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static string Require()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Where(folder => folder.Length > 0).Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
            if (found is not null) return found;
        }
        Assert.Fail("chromium is not installed: the report's rendering cannot be checked (install it: apt-get install -y chromium; .ci/run does)");
        return "";
    }

    /// <summary>Loads <paramref name="page"/> headless, lets it run its scripts and load its images, and returns the DOM as it then stands.</summary>
    public static async Task<string> DumpDomAsync(string page)
    {
        var start = new ProcessStartInfo(Require())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={Path.Combine(Path.GetDirectoryName(page)!, "chromium-profile")}",
            "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not render {page} within {Limit.TotalSeconds:0} s");
        }
        Assert.That(process.ExitCode, Is.EqualTo(0), $"chromium: {await error}");
        return await output;
    }
}
