using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bench.Cli;

/// <summary>
/// A file in the user's state folder that says a run holds a rig (<c>rig-NAME.pid-N.running</c>): written when the run
/// starts, deleted when it ends, whatever the exit code. One left behind by a process that no longer exists is an
/// unclean exit (SIGKILL, a power loss): the next run on that rig says so and names the run, so the operator knows
/// the rig was left as that run left it until the new run's safe state restored it.
/// </summary>
public sealed class RigExitMarker : IDisposable
{
    private const string Suffix = ".running";

    private RigExitMarker(string path, IReadOnlyList<LeftBehind> uncleanExits)
    {
        Path = path;
        UncleanExits = uncleanExits;
    }

    /// <summary>This run's marker file.</summary>
    public string Path { get; }

    /// <summary>Markers of earlier runs on the rig whose process is gone: each an unclean exit, now cleared.</summary>
    public IReadOnlyList<LeftBehind> UncleanExits { get; }

    /// <summary>A marker an earlier run left: its run key, process, start and what it says about itself.</summary>
    public sealed record LeftBehind(string RunKey, int ProcessId, DateTimeOffset StartedAt, string Output);

    /// <summary>Marks the rig as held by this process and clears (reporting them) markers whose process is gone.</summary>
    /// <exception cref="IOException">The state folder cannot be written.</exception>
    public static RigExitMarker Acquire(string stateFolder, string rigName, string runKey, string output)
    {
        ArgumentException.ThrowIfNullOrEmpty(rigName);
        Directory.CreateDirectory(stateFolder);
        var prefix = "rig-" + SafeName(rigName) + ".pid-";
        var unclean = new List<LeftBehind>();
        foreach (var file in Directory.EnumerateFiles(stateFolder, prefix + "*" + Suffix))
        {
            var name = System.IO.Path.GetFileName(file);
            if (!int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || IsRunning(pid))
                continue;
            unclean.Add(Read(file, pid));
            File.Delete(file);
        }

        var path = System.IO.Path.Combine(stateFolder, prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + Suffix);
        File.WriteAllText(path, JsonSerializer.Serialize(new { runKey, processId = Environment.ProcessId, startedAt = DateTimeOffset.UtcNow, output }));
        return new RigExitMarker(path, unclean);
    }

    /// <summary>A clean exit: the marker goes.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left behind, the next run reports an unclean exit that was not one: harmless, and better than hiding a real one.
        }
    }

    private static LeftBehind Read(string file, int pid)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            return new LeftBehind(
                root.TryGetProperty("runKey", out var key) ? key.GetString() ?? "?" : "?",
                pid,
                root.TryGetProperty("startedAt", out var started) && started.TryGetDateTimeOffset(out var at) ? at : File.GetLastWriteTimeUtc(file),
                root.TryGetProperty("output", out var output) ? output.GetString() ?? "?" : "?");
        }
        catch (Exception error) when (error is JsonException or IOException or InvalidOperationException)
        {
            return new LeftBehind("?", pid, File.GetLastWriteTimeUtc(file), "?");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SafeName(string rigName)
    {
        var safe = new StringBuilder(rigName.Length);
        foreach (var character in rigName) safe.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' ? character : '_');
        return safe.ToString();
    }
}
