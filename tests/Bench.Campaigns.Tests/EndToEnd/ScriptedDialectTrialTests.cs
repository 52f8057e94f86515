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
/// Trials on the simulated terminal speaking the worked examples' scripted dialects itself (their
/// <c>ecr.simulatedTerminal</c> templates), the bench on the other end of the pty with a <see cref="ScriptedEcrSession"/>:
/// measured from the host side like any other, and the line example's console rule triggers injections.
/// </summary>
[NonParallelizable]
[Platform("Linux")]
public sealed class ScriptedDialectTrialTests
{
    private const long Amount = 2_500;

    private static readonly TerminalProfile LineProfile =
        TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-line-terminal.yaml"));

    private static readonly TerminalProfile FramedProfile =
        TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/examples/scripted-framed-terminal.yaml"));

    private static ExperimentDefinition HostDelay(TerminalProfile profile) =>
        new("dialect-host-delay", ExperimentKinds.HostResponseDelay, new ParameterRange(0, 120), 0.25, SearchMethod.Bisection,
            TimeSpan.Zero, Amount, "terminal.yaml", profile);

    private static ExperimentDefinition PowerCutOnConnect(TerminalProfile profile) =>
        new("line-dialect-power-cut", ExperimentKinds.TerminalPowerCut, new ParameterRange(0, 10), 0.25, SearchMethod.Bisection,
            TimeSpan.FromSeconds(1), Amount, "terminal.yaml", profile)
        {
            Trigger = InjectionTrigger.On(TrialEventKinds.ModemConnected),
        };

    private static SimulatedStationFactory Stations(TemporaryDirectory folder)
    {
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        return new SimulatedStationFactory(campaign.Rig, campaign.Card, HostRuleSet.ApproveAll, Path.Combine(folder.Path, "flash"), recorder: null);
    }

    private static EcrLine ResultOf(IEcrSession session, int index) => session.Lines.Where(line => line.Kind == EcrLineKind.Result).ElementAt(index);

    [Test]
    public async Task The_line_dialect_terminal_prompts_approves_with_its_codes_and_times_out_matched_on_the_host_side()
    {
        using var folder = new TemporaryDirectory();
        await using var stations = Stations(folder);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());

        var approved = await executor.RunTrialAsync(HostDelay(LineProfile), 5, CancellationToken.None);
        var timedOut = await executor.RunTrialAsync(HostDelay(LineProfile), 90, CancellationToken.None);
        var station = stations.OpenStations.Single();
        var session = station.Station.Ecr;
        var approval = ResultOf(session, 0);
        var booked = station.Station.Host.Ledger.EntriesFor(approved.LedgerKey!.Value).First();

        Assert.Multiple(() =>
        {
            Assert.That(session, Is.InstanceOf<ScriptedEcrSession>());
            Assert.That(session.Dialect, Is.EqualTo("scripted/line"));
            Assert.That(session.Lines[0].Text, Is.EqualTo("IDLE"), "the terminal's ready line, in the dialect");
            Assert.That(session.Lines.Count(line => line.Text == "INSERT OR SWIPE CARD" && line.Kind == EcrLineKind.PromptCard), Is.EqualTo(2));
            Assert.That(session.Lines.Any(line => line.Kind is EcrLineKind.Sent or EcrLineKind.Unrecognized), Is.False,
                "the terminal prints no STAN, and nothing the dialect does not declare");
            Assert.That(station.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR< PAY 000000002500"));
            Assert.That(approval.Text, Does.Match(@"^APPROVED AUTH:\d{6} RRN:\d{12}$"));
            Assert.That(approval.Arguments[0], Is.EqualTo(booked.RetrievalReferenceNumber), "the RRN printed is the host's");
            Assert.That(approved.Outcome, Is.EqualTo(TrialOutcome.Approved));
            Assert.That(approved.LedgerKey.Value.TerminalId, Is.EqualTo(LineProfile.TerminalId));
            Assert.That(approved.Stan, Is.EqualTo(approved.LedgerKey.Value.Stan));
            Assert.That(approved.LedgerNetDebitMinorUnits, Is.EqualTo(Amount));
            Assert.That(approved.HostRequestToReplySeconds, Is.EqualTo(5).Within(1), "the host held its reply for the injected 5 s");
            Assert.That(ResultOf(session, 1).Text, Is.EqualTo("HOST TIMEOUT"));
            Assert.That(timedOut.Outcome, Is.EqualTo(TrialOutcome.Timeout));
            Assert.That(timedOut.LedgerKey, Is.Not.Null.And.Not.EqualTo(approved.LedgerKey), "each trial finds its own request");
            Assert.That(timedOut.TimeToResultSeconds, Is.EqualTo(LineProfile.ResponseTimeout.TotalSeconds).Within(2));
        });
    }

    [Test]
    public async Task A_console_rule_turns_a_simulated_console_line_into_the_event_an_injection_is_triggered_on()
    {
        using var folder = new TemporaryDirectory();
        await using var stations = Stations(folder);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());
        // The dialect has no 'connected' pattern: only the console rule can say the data session is up.
        Assert.That(LineProfile.EcrDialect!.Connected, Is.Null);
        var withoutRules = LineProfile with { ConsoleRules = ConsoleRuleSet.None };

        var withRule = await executor.RunTrialAsync(PowerCutOnConnect(LineProfile), 0, CancellationToken.None);
        var withoutRule = await executor.RunTrialAsync(PowerCutOnConnect(withoutRules), 0, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(withRule.TerminalResult, Is.EqualTo("PowerLost"), "the console's 'MODEM ethernet TCP …' line fired the power cut");
            Assert.That(withoutRule.TerminalResult, Is.EqualTo("Approved"), "without the rule the trigger never came");
            Assert.That(stations.OpenedStations.Select(station => station.Ecr.Dialect), Is.All.EqualTo("scripted/line"));
        });
    }

    [Test]
    public async Task The_framed_dialect_terminal_is_approved_with_its_stan_frame_and_times_out_under_host_delay()
    {
        using var folder = new TemporaryDirectory();
        await using var stations = Stations(folder);
        var executor = new StationTrialExecutor(stations, HostRuleSet.ApproveAll, new InjectionCatalogue());

        var approved = await executor.RunTrialAsync(HostDelay(FramedProfile), 5, CancellationToken.None);
        var timedOut = await executor.RunTrialAsync(HostDelay(FramedProfile), 45, CancellationToken.None);
        var station = stations.OpenStations.Single();
        var session = station.Station.Ecr;
        var stanLines = session.Lines.Where(line => line.Kind == EcrLineKind.Sent).Select(line => line.Arguments[1]).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(session.Dialect, Is.EqualTo("scripted/stxEtxLrc"));
            Assert.That(session.Lines.Any(line => line.Kind == EcrLineKind.Unrecognized), Is.False);
            Assert.That(station.Terminal.ConsoleLines.Select(line => line.Text), Does.Contain("ECR< S|2500"));
            Assert.That(approved.Outcome, Is.EqualTo(TrialOutcome.Approved));
            Assert.That(ResultOf(session, 0).Text, Does.Match(@"^R\|00\|\d{6}\|\d{12}$"));
            Assert.That(approved.LedgerNetDebitMinorUnits, Is.EqualTo(Amount));
            Assert.That(approved.HostRequestToReplySeconds, Is.EqualTo(5).Within(1));
            Assert.That(stanLines, Is.EqualTo(new[] { approved.LedgerKey!.Value.Stan, timedOut.LedgerKey!.Value.Stan }),
                "each sale's T|stan frame names the request the host booked");
            Assert.That(ResultOf(session, 1).Text, Is.EqualTo("R|TO|"));
            Assert.That(timedOut.Outcome, Is.EqualTo(TrialOutcome.Timeout));
            Assert.That(timedOut.TimeToResultSeconds, Is.EqualTo(FramedProfile.ResponseTimeout.TotalSeconds).Within(2));
        });
    }
}
