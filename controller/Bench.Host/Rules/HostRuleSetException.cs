namespace Bench.Host;

/// <summary>A rule file that cannot be used: which file, which line and column, and why.</summary>
public sealed class HostRuleSetException(string source, long line, long column, string reason, Exception? inner = null)
    : Exception($"{source}:{line}:{column}: {reason}", inner)
{
    public string FileName { get; } = source;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Reason { get; } = reason;
}
