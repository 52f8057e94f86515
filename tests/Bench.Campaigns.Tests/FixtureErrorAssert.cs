using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

internal static class FixtureErrorAssert
{
    /// <summary>Asserts the loader fails with the exact location and a message containing <paramref name="problemFragment"/>.</summary>
    public static CampaignFileException Throws(
        TestDelegate load, string file, int line, int column, string keyPath, string problemFragment)
    {
        var error = Assert.Throws<CampaignFileException>(load)!;
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(file), error.Message);
            Assert.That(error.Line, Is.EqualTo(line), error.Message);
            Assert.That(error.Column, Is.EqualTo(column), error.Message);
            Assert.That(error.KeyPath, Is.EqualTo(keyPath), error.Message);
            Assert.That(error.Problem, Does.Contain(problemFragment), error.Message);
            var prefix = keyPath.Length == 0 ? $"{file}:{line}:{column}: " : $"{file}:{line}:{column}: {keyPath}: ";
            Assert.That(error.Message, Does.StartWith(prefix));
        });
        return error;
    }
}
