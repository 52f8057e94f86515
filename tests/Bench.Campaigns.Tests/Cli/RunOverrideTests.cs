using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Summary;
using Bench.Cli;
using Microsoft.Data.Sqlite;

namespace Bench.Campaigns.Tests.Cli;

/// <summary><c>bench run --set PATH=VALUE</c>: a bad override is exit 2 in one line; good ones are applied and recorded with the run.</summary>
[NonParallelizable]
public sealed class RunOverrideTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Test]
    public async Task A_misspelt_key_is_exit_2_with_the_nearest_key()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", CliCampaigns.Vx520("quick", 60, 30));

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", Path.Combine(folder.Path, "out"),
            "--set", "terminal.firmwareBugs.macChekIgnored=true");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.StartWith("bench run: --set terminal.firmwareBugs.macChekIgnored: unknown key (did you mean 'macCheckIgnored'?)"), result.ToString());
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "out")), Is.False, "refused before any output");
        });
    }

    [Test]
    public async Task The_overrides_are_applied_and_recorded_in_the_runs_table_and_summary_json()
    {
        using var folder = new TemporaryDirectory();
        var campaign = folder.Write("quick.yaml", CliCampaigns.Vx520("quick", 60, 30));
        var output = Path.Combine(folder.Path, "out");

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", output,
            "--set", "terminal.firmwareBugs.macCheckIgnored=true", "--set", "experiments.quick-delay.settle=0s");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var expected = new[]
        {
            new FixtureOverride("terminal.firmwareBugs.macCheckIgnored", "true"),
            new FixtureOverride("experiments.quick-delay.settle", "0s"),
        };
        var summary = SummaryJsonWriter.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, SummaryJsonWriter.FileName)));
        Assert.That(summary.Overrides, Is.EqualTo(expected));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(output, "results.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT details_json FROM runs";
        var details = (string)(await command.ExecuteScalarAsync())!;
        Assert.That(details, Does.Contain("""
            "overrides":[{"path":"terminal.firmwareBugs.macCheckIgnored","value":"true"},{"path":"experiments.quick-delay.settle","value":"0s"}]
            """.Trim()));
    }
}
