using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>Runs tshark (which .ci/run installs) on a capture, as a user checking a run's capture.pcap would.</summary>
internal static partial class Tshark
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Ignores the test on a machine without tshark (CI installs it, so CI always runs the test).</summary>
    public static void RequireInstalled()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "tshark")));
        if (!found) Assert.Ignore("tshark is not installed (.ci/run installs it: apt-get install tshark)");
    }

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.EqualTo(0), $"tshark {string.Join(' ', arguments)}: {await error}");
        return await output;
    }

    /// <summary><c>tshark -r FILE -q -z conv,tcp</c>, parsed: one entry per conversation.</summary>
    public static async Task<IReadOnlyList<TsharkConversation>> ConversationsAsync(string capture)
    {
        var text = await RunAsync("-r", capture, "-q", "-z", "conv,tcp");
        var conversations = new List<TsharkConversation>();
        foreach (var line in text.Split('\n'))
        {
            var match = ConversationLine().Match(line);
            if (!match.Success) continue;
            int Number(string group) => int.Parse(match.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            conversations.Add(new TsharkConversation(
                match.Groups["a"].Value, match.Groups["b"].Value,
                Number("framesBA"), Number("bytesBA"), Number("framesAB"), Number("bytesAB")));
        }
        Assert.That(text, Does.Contain("TCP Conversations"), text);
        return conversations;
    }

    // "10.0.0.2:49152 <-> 10.0.1.1:5000   3 234 bytes   5 262 bytes   8 496 bytes ..." (the <- column first).
    [GeneratedRegex(@"^(?<a>\S+)\s+<->\s+(?<b>\S+)\s+(?<framesBA>[\d,]+)\s+(?<bytesBA>[\d,]+) bytes\s+(?<framesAB>[\d,]+)\s+(?<bytesAB>[\d,]+) bytes")]
    private static partial Regex ConversationLine();
}

/// <summary>One line of tshark's TCP conversation table: frames and bytes (whole packets) each way.</summary>
internal sealed record TsharkConversation(string AddressA, string AddressB, int FramesToA, int BytesToA, int FramesToB, int BytesToB);
