namespace Bench.Host.Tests;

/// <summary>A results database file in its own temporary directory, deleted afterwards.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bench-results-tests-").FullName;

    public string Path => System.IO.Path.Combine(directory, "results.db");

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
