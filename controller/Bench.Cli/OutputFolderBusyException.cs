namespace Bench.Cli;

/// <summary>The output folder is locked by another run.</summary>
public sealed class OutputFolderBusyException(string folder, OutputFolderHolder? holder, Exception innerException)
    : Exception($"{folder} is in use by {holder?.ToString() ?? "another run that is just starting"}", innerException)
{
    public OutputFolderHolder? Holder { get; } = holder;
}
