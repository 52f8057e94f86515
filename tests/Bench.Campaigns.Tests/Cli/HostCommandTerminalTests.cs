using Bench.Cli;

namespace Bench.Campaigns.Tests.Cli;

/// <summary><c>bench host --terminal PROFILE</c>: a profile without a master key, or two keys for one terminal, is refused before listening.</summary>
[NonParallelizable]
public sealed class HostCommandTerminalTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Test]
    public async Task A_profile_without_a_master_key_file_is_exit_2_naming_it()
    {
        using var folder = new TemporaryDirectory();
        var profile = folder.Write("no-key.yaml", ProfileWithKey(null));

        var result = await BenchProcess.RunAsync(Limit, "host", "--port", "0", "--db", Path.Combine(folder.Path, "host.db"), "--terminal", profile);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(result.Error, Does.Contain($"--terminal {profile}: the profile names no masterKeyFile"), result.ToString());
            Assert.That(result.Output, Does.Not.Contain("host listening"), "refused before listening");
        });
    }

    [Test]
    public async Task One_terminal_given_with_two_master_keys_is_exit_2_naming_the_first_by_its_check_value()
    {
        using var folder = new TemporaryDirectory();
        var first = folder.Write("first.yaml", ProfileWithKey(RepositoryFiles.Fixture("keys/verifone-vx520-ethernet.yaml")));
        var second = folder.Write("second.yaml", ProfileWithKey(RepositoryFiles.Fixture("keys/pax-a920-4g.yaml")));

        var result = await BenchProcess.RunAsync(
            Limit, "host", "--port", "0", "--db", Path.Combine(folder.Path, "host.db"), "--terminal", first, "--terminal", second);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(result.Error, Does.Contain("terminal 20000002 is already given with another master key (check value "), result.ToString());
            Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), result.ToString());
        });
    }

    /// <summary>The VX520's profile with its key reference replaced (or removed when null), references made absolute.</summary>
    private static string ProfileWithKey(string? keyFile)
    {
        var lines = File.ReadAllLines(RepositoryFiles.Fixture("terminals/verifone-vx520-ethernet.yaml"))
            .Where(line => !line.StartsWith("masterKeyFile:", StringComparison.Ordinal))
            .Select(line => line.Replace("../", Path.Combine(RepositoryFiles.Root, "fixtures") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        return string.Join('\n', keyFile is null ? lines : lines.Append($"masterKeyFile: {keyFile}")) + "\n";
    }
}
