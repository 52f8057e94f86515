namespace Bench.Campaigns.Tests.Cli;

/// <summary>Campaign texts for command-line tests, referencing the repository's fixtures by full path so they can live in a temporary folder.</summary>
internal static class CliCampaigns
{
    /// <summary>The quick start, line for line, with its references made absolute.</summary>
    public static string Quickstart() =>
        File.ReadAllText(RepositoryFiles.Fixture("campaigns/quickstart.yaml")).Replace("../", Path.Combine(RepositoryFiles.Root, "fixtures") + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>One short experiment on the VX520 (30 s response timeout).</summary>
    public static string Vx520(string name, double to, double resolution, string? hostRules = null) => $"""
        name: {name}
        rig: {RepositoryFiles.Fixture("rigs/simulated.yaml")}
        terminal: {RepositoryFiles.Fixture("terminals/verifone-vx520-ethernet.yaml")}
        card: {RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")}
        {(hostRules is null ? "" : $"hostRules: {RepositoryFiles.Fixture($"hosts/{hostRules}")}")}
        experiments:
          - name: {name}-delay
            kind: hostResponseDelay
            from: 0s
            to: {to}s
            resolution: {resolution}s
            settle: 1s
        """;
}
