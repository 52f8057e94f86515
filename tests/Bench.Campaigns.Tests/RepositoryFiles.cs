namespace Bench.Campaigns.Tests;

/// <summary>Finds files of the repository (fixtures/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bench.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("repository root (Bench.sln) not found above the test directory");
        }
    }

    public static string Fixture(string relativePath) => Path.Combine(Root, "fixtures", relativePath);
}
