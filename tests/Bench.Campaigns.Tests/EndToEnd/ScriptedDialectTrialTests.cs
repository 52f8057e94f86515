using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Injections;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Host;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// Trials on a terminal that speaks the line example dialect and prints nothing about STANs, in front of the
/// simulated terminal: measured from the host side like any other, and its console rules trigger injections.
/// </summary>
[NonParallelizable]
[Platform("Linux")]
public sealed class ScriptedDialectTrialTests
{
    private const long Amount = 2_500;

    private static readonly TerminalProfile Profile =
        TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-line-terminal.yaml"));

    private static ExperimentDefinition HostDelay(TerminalProfile profile) =>
        new("line-dialect-host-delay", ExperimentKinds.HostResponseDelay, new ParameterRange(0, 120), 0.25, SearchMethod.Bisection,
            TimeSpan.Zero, Amount, "terminal.yaml", profile);

    private static ExperimentDefinition PowerCutOnConnect(TerminalProfile profile) =>
        new("line-dialect-power-cut", ExperimentKinds.TerminalPowerCut, new ParameterRange(0, 10), 0.25, SearchMethod.Bisection,
            TimeSpan.FromSeconds(1), Amount, "terminal.yaml", profile)
        {
            Trigger = InjectionTrigger.On(TrialEventKinds.ModemConnected),
        };

    [Test]
    public async Task A_sale_whose_terminal_prints_no_stan_is_matched_on_the_host_side_to_its_ledger_key()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        await using var stations = new ScriptedDialectStations(new SimulatedStationFactory(
            campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, Path.Combine(folder.Path, "flash"), recorder: null));
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());

        var approved = await executor.RunTrialAsync(HostDelay(Profile), 5, CancellationToken.None);
        var timedOut = await executor.RunTrialAsync(HostDelay(Profile), 90, CancellationToken.None);
        var session = stations.Sessions.Single();

        Assert.Multiple(() =>
        {
            Assert.That(session.Lines.Any(line => line.Kind == EcrLineKind.Sent), Is.False, "the terminal printed no STAN");
            Assert.That(session.Lines.Any(line => line.Kind == EcrLineKind.PromptCard), Is.True);
            Assert.That(approved.Outcome, Is.EqualTo(TrialOutcome.Approved));
            Assert.That(approved.LedgerKey, Is.Not.Null);
            Assert.That(approved.LedgerKey!.Value.TerminalId, Is.EqualTo(Profile.TerminalId));
            Assert.That(approved.Stan, Is.EqualTo(approved.LedgerKey.Value.Stan));
            Assert.That(approved.LedgerNetDebitMinorUnits, Is.EqualTo(Amount));
            Assert.That(approved.HostRequestToReplySeconds, Is.EqualTo(5).Within(1), "the host held its reply for the injected 5 s");
            Assert.That(timedOut.Outcome, Is.EqualTo(TrialOutcome.Timeout));
            Assert.That(timedOut.LedgerKey, Is.Not.Null.And.Not.EqualTo(approved.LedgerKey), "each trial finds its own request");
            Assert.That(timedOut.TimeToResultSeconds, Is.EqualTo(Profile.ResponseTimeout.TotalSeconds).Within(2));
        });
    }

    [Test]
    public async Task A_console_rule_turns_a_simulated_console_line_into_the_event_an_injection_is_triggered_on()
    {
        using var folder = new TemporaryDirectory();
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        await using var stations = new ScriptedDialectStations(new SimulatedStationFactory(
            campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, Path.Combine(folder.Path, "flash"), recorder: null));
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());
        // The dialect has no 'connected' pattern: only the console rule can say the data session is up.
        Assert.That(Profile.EcrDialect!.Connected, Is.Null);
        var withoutRules = Profile with { ConsoleRules = ConsoleRuleSet.None };

        var withRule = await executor.RunTrialAsync(PowerCutOnConnect(Profile), 0, CancellationToken.None);
        var withoutRule = await executor.RunTrialAsync(PowerCutOnConnect(withoutRules), 0, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(withRule.TerminalResult, Is.EqualTo("PowerLost"), "the console's 'MODEM ethernet TCP …' line fired the power cut");
            Assert.That(withoutRule.TerminalResult, Is.EqualTo("Approved"), "without the rule the trigger never came");
        });
    }

    /// <summary>Simulated stations with the line dialect terminal in front of each one's ECR port.</summary>
    private sealed class ScriptedDialectStations(SimulatedStationFactory stations) : ITestStationFactory
    {
        private readonly Dictionary<TerminalProfile, (LineDialectTerminal Terminal, TestStation Station)> bridged = [];

        public IEnumerable<ScriptedEcrSession> Sessions => bridged.Values.Select(entry => entry.Terminal.Session);

        public async Task<TestStation> OpenAsync(TerminalProfile terminal, CancellationToken cancellationToken)
        {
            if (bridged.TryGetValue(terminal, out var entry)) return entry.Station;
            var station = await stations.OpenAsync(terminal, cancellationToken);
            var dialectTerminal = new LineDialectTerminal((EcrClient)station.Ecr, terminal.EcrDialect!, station.TerminalClock);
            var scripted = station with { Ecr = dialectTerminal.Session };
            bridged.Add(terminal, (dialectTerminal, scripted));
            return scripted;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (terminal, _) in bridged.Values) await terminal.DisposeAsync();
            await stations.DisposeAsync();
        }
    }
}
