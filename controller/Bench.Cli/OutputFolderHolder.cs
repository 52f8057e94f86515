using System.Globalization;

namespace Bench.Cli;

/// <summary>Who holds an output folder: the run's key, its process and when it started.</summary>
public sealed record OutputFolderHolder(string RunKey, int ProcessId, DateTimeOffset StartedAt, string Campaign)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"run {RunKey} (campaign {Campaign}, process {ProcessId}, started {StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss})");
}
