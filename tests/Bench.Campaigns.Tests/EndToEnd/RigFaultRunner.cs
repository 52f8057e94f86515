using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// Runs a small campaign written in the test against the shipped rig, cards and terminal profiles (a
/// profile may be copied with some of its lines changed), on the simulated station exactly as
/// <c>bench run</c> wires it.
/// </summary>
internal sealed class RigFaultRunner : IDisposable
{
    private readonly TemporaryDirectory tree = new();

    /// <summary>Copies a shipped terminal profile under a new name, replacing whole lines that start with each key.</summary>
    public string Profile(string shippedName, string copyName, params (string Line, string Replacement)[] changes)
    {
        // The copy lives elsewhere: its key file reference must still reach the shipped test key.
        var text = File.ReadAllText(RepositoryFiles.Fixture($"terminals/{shippedName}.yaml"))
            .Replace("masterKeyFile: ../keys/", $"masterKeyFile: {RepositoryFiles.Fixture("keys")}/", StringComparison.Ordinal);
        foreach (var (line, replacement) in changes)
        {
            Assert.That(text, Does.Contain(line), $"{shippedName}.yaml has no line starting '{line}'");
            text = FixtureTexts.ReplaceLine(text, line, replacement);
        }

        return tree.Write($"terminals/{copyName}.yaml", text);
    }

    /// <summary>Runs the experiments (YAML list items, indented by two spaces) against <paramref name="terminal"/>.</summary>
    /// <param name="stationOptions">Firmware bug switches and host options of the simulated stations; null: none.</param>
    /// <param name="rig">A shipped rig file under fixtures/rigs; null: simulated.yaml.</param>
    public async Task<CampaignRunResult> RunAsync(string terminal, string experiments, SimulatedStationOptions? stationOptions = null, string? rig = null)
    {
        var campaignText = $"""
            name: rig-fault-test
            rig: {RepositoryFiles.Fixture($"rigs/{rig ?? "simulated.yaml"}")}
            terminal: {terminal}
            card: {RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")}
            experiments:

            """ + experiments;
        var file = tree.Write($"campaigns/{Guid.NewGuid():N}.yaml", campaignText);
        var campaign = CampaignLoader.Load(file);
        var output = Path.Combine(tree.Path, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        using var store = ResultsStore.Open(Path.Combine(output, "results.db"));
        var runId = store.CreateRun(campaign.Name);
        return await SimulatedCampaign.RunAsync(
            campaign, HostRuleSet.ApproveAll, new ResultsRun(store, runId), output,
            stationOptions: stationOptions);
    }

    public static string Shipped(string profile) => RepositoryFiles.Fixture($"terminals/{profile}.yaml");

    public void Dispose() => tree.Dispose();
}
