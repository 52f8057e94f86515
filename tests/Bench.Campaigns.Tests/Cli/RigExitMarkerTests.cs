using System.Diagnostics;
using Bench.Cli;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>The marker a run leaves on its rig: an earlier run's, whose process is gone, is an unclean exit the next run reports.</summary>
public sealed class RigExitMarkerTests
{
    [Test]
    public void A_clean_exit_leaves_no_marker_and_the_next_run_reports_nothing()
    {
        using var state = new TemporaryDirectory();

        using (var first = RigExitMarker.Acquire(state.Path, "pi5 rig", "run-1", "out/one"))
        {
            Assert.That(File.Exists(first.Path), Is.True);
            Assert.That(Path.GetFileName(first.Path), Is.EqualTo($"rig-pi5_rig.pid-{Environment.ProcessId}.running"));
        }
        using var second = RigExitMarker.Acquire(state.Path, "pi5 rig", "run-2", "out/two");

        Assert.That(second.UncleanExits, Is.Empty);
        Assert.That(Directory.GetFiles(state.Path), Is.EqualTo(new[] { second.Path }));
    }

    [Test]
    public void A_marker_whose_process_is_gone_is_an_unclean_exit_reported_once_and_cleared()
    {
        using var state = new TemporaryDirectory();
        var gone = ExitedProcessId();
        File.WriteAllText(Path.Combine(state.Path, $"rig-simulated.pid-{gone}.running"),
            $$"""{"runKey":"run-killed","processId":{{gone}},"startedAt":"2026-11-30T01:02:03+00:00","output":"out/killed"}""");
        // A run of another rig, and one still running (this process), are not this rig's unclean exits.
        File.WriteAllText(Path.Combine(state.Path, $"rig-pi5-rig.pid-{gone}.running"), "{}");

        using var next = RigExitMarker.Acquire(state.Path, "simulated", "run-next", "out/next");
        using var again = RigExitMarker.Acquire(state.Path, "simulated", "run-again", "out/again");

        Assert.Multiple(() =>
        {
            Assert.That(next.UncleanExits, Is.EqualTo(new[]
            {
                new RigExitMarker.LeftBehind("run-killed", gone, DateTimeOffset.Parse("2026-11-30T01:02:03+00:00"), "out/killed"),
            }));
            Assert.That(again.UncleanExits, Is.Empty, "reported once: the stale marker was cleared");
            Assert.That(File.Exists(Path.Combine(state.Path, $"rig-pi5-rig.pid-{gone}.running")), Is.True, "another rig's marker is left to that rig's next run");
        });
    }

    /// <summary>The id of a process that has ended (ids are reused only after a long wrap, far beyond a test's life).</summary>
    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
