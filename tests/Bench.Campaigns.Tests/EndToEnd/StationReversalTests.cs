using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// The money-safety cases of DESIGN.md §5 on the simulated station: the real host and its ledger,
/// the terminal's power switched through the rig's relay, the card swiped by the solenoid.
/// The VX520 profile (30 s response timeout) runs at 20×, so each timeout takes 1.5 s.
/// </summary>
[NonParallelizable]
public sealed class StationReversalTests
{
    private const long Amount = 2_500;
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(30);

    private TemporaryDirectory folder = null!;
    private SimulatedStation simulated = null!;
    private TestStation station = null!;
    private HostTrafficObserver traffic = null!;

    [SetUp]
    public async Task StartStation()
    {
        folder = new TemporaryDirectory();
        simulated = await SimulatedStation.StartAsync(
            RigDefinitionLoader.Load(RepositoryFiles.Fixture("rigs/simulated.yaml")),
            TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/verifone-vx520-ethernet.yaml")),
            TestCardLoader.Load(RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")),
            HostRuleSet.ApproveAll,
            Path.Combine(folder.Path, "flash"),
            recorder: null);
        station = simulated.Station;
        traffic = new HostTrafficObserver(station.Host);
    }

    [TearDown]
    public async Task StopStation()
    {
        traffic.Dispose();
        await simulated.DisposeAsync();
        folder.Dispose();
    }

    [Test]
    public async Task Approved_then_dropped_sale_times_out_and_the_next_sale_reverses_it_first()
    {
        station.Host.Rules = OnlySales(ApproveThenDropAction.Instance);
        var first = await SaleAsync();
        var firstKey = KeyOf(first);

        Assert.That(first.Outcome, Is.EqualTo(EcrSaleOutcome.Timeout));
        Assert.That(station.Host.Ledger.NetDebit(firstKey), Is.EqualTo(Amount), "the host debited without replying");
        Assert.That(simulated.Terminal.PendingReversal?.Reason, Is.EqualTo(ResponseCodes.ReversalNoResponse));

        station.Host.Rules = HostRuleSet.ApproveAll;
        var second = await SaleAsync();

        Assert.That(second.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        var requests = traffic.Frames.Where(frame => frame.Direction == FrameDirection.Received && frame.Message is not null)
            .Select(frame => frame.Message!).ToList();
        var reversal = requests.Single(message => message.Mti == MessageTypes.ReversalRequest);
        Assert.That(reversal[39], Is.EqualTo("98"));
        Assert.That(reversal[11], Is.EqualTo(first.Stan), "the reversal keeps the original STAN");
        Assert.That(reversal[61], Is.EqualTo(firstKey.Batch + first.Stan));
        Assert.That(requests.IndexOf(reversal), Is.LessThan(requests.FindLastIndex(message => message.Mti == MessageTypes.FinancialRequest)),
            "the 0400 goes out before the next 0200");
        Assert.That(station.Host.Ledger.NetDebit(firstKey), Is.Zero, "the first sale's money came back");
        Assert.That(station.Host.Ledger.NetDebit(KeyOf(second)), Is.EqualTo(Amount));
        Assert.That(simulated.Terminal.PendingReversal, Is.Null, "cleared once the 0410 arrived");
    }

    [Test]
    public async Task Power_cut_right_after_the_request_left_is_reversed_after_reboot()
    {
        // The host holds the reply long enough for the rig to cut the power while it waits.
        station.Host.Rules = OnlySales(new DelayAction(TimeSpan.FromSeconds(20), ApproveAction.Instance));
        var requestArrived = new TaskCompletionSource<IsoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        station.Host.FrameReceived += (_, frame) =>
        {
            if (frame.Message?.Mti == MessageTypes.FinancialRequest) requestArrived.TrySetResult(frame.Message);
        };
        using var limit = new CancellationTokenSource(WallLimit);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);

        var sale = StartSaleAsync(abandon.Token);
        var request = await requestArrived.Task.WaitAsync(limit.Token);
        await station.Rig.SetTerminalPowerAsync(false, limit.Token);
        abandon.Cancel(); // a terminal without power never answers its ECR port
        Assert.That(async () => await sale, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(simulated.Terminal.IsPoweredOn, Is.False);
        var key = new LedgerKey(request.Required(41), Field60.Parse(request.Required(60)).Batch, request.Required(11));
        Assert.That(station.Host.Ledger.NetDebit(key), Is.EqualTo(Amount), "the host booked the sale it had received");

        var mark = station.Ecr.LineCount;
        await station.Rig.SetTerminalPowerAsync(true, limit.Token);
        await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, mark, limit.Token);
        Assert.That(simulated.Terminal.PendingReversal?.Stan, Is.EqualTo(request.Stan), "the record survived the power loss in flash");

        station.Host.Rules = HostRuleSet.ApproveAll;
        var next = await SaleAsync();

        Assert.That(next.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(next.ReversalsSent, Is.EqualTo(new[] { request.Stan }));
        Assert.That(station.Host.Ledger.NetDebit(key), Is.Zero);
        Assert.That(simulated.Terminal.PendingReversal, Is.Null);
    }

    private static HostRuleSet OnlySales(HostAction action) => HostRuleSet.ApproveAll with
    {
        Rules =
        [
            new HostRule("test fault on sales",
                new RuleMatch { Mtis = new HashSet<string> { MessageTypes.FinancialRequest } }, action),
        ],
    };

    private async Task<EcrSaleResult> SaleAsync()
    {
        using var limit = new CancellationTokenSource(WallLimit);
        return await StartSaleAsync(limit.Token);
    }

    /// <summary>Starts a sale at the ECR port and swipes the card with the solenoid when the terminal asks for it.</summary>
    private async Task<EcrSaleResult> StartSaleAsync(CancellationToken cancellationToken)
    {
        var mark = station.Ecr.LineCount;
        var sale = station.Ecr.SaleAsync(Amount, cancellationToken);
        await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, cancellationToken);
        await station.Rig.SwipeAsync(cancellationToken);
        return await sale;
    }

    private LedgerKey KeyOf(EcrSaleResult sale)
    {
        var request = traffic.Find(FrameDirection.Received, MessageTypes.FinancialRequest, sale.Stan!)!.Message!;
        return new LedgerKey(request.Required(41), Field60.Parse(request.Required(60)).Batch, request.Required(11));
    }
}
