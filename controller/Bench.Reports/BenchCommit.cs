using System.Diagnostics;
using System.Reflection;

namespace Bench.Reports;

/// <summary>
/// The bench's own source revision, recorded with each run so a report says which bench measured it: <c>git
/// rev-parse HEAD</c> in the folder the bench runs from (with <c>-dirty</c> when tracked files differ), else the
/// revision the build stamped into the assembly's informational version (<c>1.0.0+REVISION</c>), else null.
/// </summary>
public static class BenchCommit
{
    private static readonly TimeSpan GitLimit = TimeSpan.FromSeconds(5);

    public static string? Find(Assembly? assembly = null)
    {
        var folder = AppContext.BaseDirectory;
        if (Git(folder, "rev-parse", "HEAD") is { Length: > 0 } commit)
            return Git(folder, "status", "--porcelain", "--untracked-files=no") is { Length: > 0 } ? commit + "-dirty" : commit;
        var version = (assembly ?? Assembly.GetEntryAssembly())?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus >= 0 && plus < version!.Length - 1 ? version[(plus + 1)..] : null;
    }

    /// <summary>The command's trimmed output, or null when git is missing, fails, or takes too long.</summary>
    private static string? Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitLimit))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
