namespace Bench.Campaigns.Tests.Cli;

/// <summary>What a finished bench process left: its exit code, stdout and stderr.</summary>
internal sealed record BenchResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
